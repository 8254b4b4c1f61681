using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace Scipion.AzureBatch.Tests;

internal sealed class TestResponse : Response
{
    private readonly CannedResponse _canned;

    public TestResponse(CannedResponse canned, string clientRequestId)
    {
        _canned = canned;
        ClientRequestId = clientRequestId;
        ContentStream = canned.Body is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(canned.Body));
    }

    public override int Status => _canned.Status;

    public override string ReasonPhrase => ((System.Net.HttpStatusCode)_canned.Status).ToString();

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => Values(name).Any();

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _canned.Headers.Select(h => new HttpHeader(h.Name, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        var values = Values(name).ToList();
        value = values.Count == 0 ? null : string.Join(",", values);
        return values.Count > 0;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = Values(name).ToList();
        values = found.Count == 0 ? null : found;
        return found.Count > 0;
    }

    private IEnumerable<string> Values(string name) =>
        _canned.Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
}
