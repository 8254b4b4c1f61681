using System.Diagnostics.CodeAnalysis;
using Azure.Core;

namespace Scipion.AzureBatch.Tests;

/// <summary>A request that only keeps its headers; the recording transport reads them back.</summary>
internal sealed class TestRequest : Request
{
    private readonly List<HttpHeader> _headers = [];

    public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

    public IReadOnlyDictionary<string, string> HeaderSnapshot() =>
        _headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(h => h.Value)), StringComparer.OrdinalIgnoreCase);

    public override void Dispose()
    {
    }

    protected override void AddHeader(string name, string value) => _headers.Add(new HttpHeader(name, value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        var values = _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        value = values.Count == 0 ? null : string.Join(",", values);
        return values.Count > 0;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        values = found.Count == 0 ? null : found;
        return found.Count > 0;
    }

    protected override bool ContainsHeader(string name) => _headers.Any(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    protected override bool RemoveHeader(string name) => _headers.RemoveAll(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)) > 0;

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers;
}
