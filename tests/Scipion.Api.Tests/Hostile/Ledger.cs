using System.Collections.Concurrent;

namespace Scipion.Api.Tests.Hostile;

/// <summary>What the suite sent and got: cases per route and per status, for the CI log.</summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, int> _byStatus = new();
    private readonly ConcurrentDictionary<string, int> _byRoute = new();
    private readonly ConcurrentBag<(string ProjectId, string RunId)> _runs = [];
    private int _cases;

    public int Cases => _cases;

    public IEnumerable<(string ProjectId, string RunId)> StartedRuns => _runs;

    public void Record(string route, int status)
    {
        Interlocked.Increment(ref _cases);
        _byStatus.AddOrUpdate(status == 0 ? "no answer" : status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        _byRoute.AddOrUpdate(route, 1, (_, n) => n + 1);
    }

    public void RunStarted(string projectId, string runId) => _runs.Add((projectId, runId));

    public string Summary() =>
        $"{_cases} cases; by status: {string.Join(", ", _byStatus.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} × {s.Value}"))}" +
        $"\n  by route: {string.Join(", ", _byRoute.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} × {s.Value}"))}";
}
