using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Scipion.Bench.Workflows;

/// <summary>Every request the load benchmark sends: its route, how long it took, and its status (0: no answer).</summary>
public sealed class LoadRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<(double Milliseconds, int Status)>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _serverErrors = [];

    public async Task<HttpResponseMessage> TimeAsync(string route, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await send();
            Record(route, clock.Elapsed.TotalMilliseconds, (int)response.StatusCode);
            if ((int)response.StatusCode >= 500)
            {
                _serverErrors.Add($"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Record(route, clock.Elapsed.TotalMilliseconds, 0);
            throw;
        }
    }

    public int Requests => _routes.Values.Sum(r => r.Count);

    public int ServerErrors => _routes.Values.Sum(r => r.Count(x => x.Status >= 500));

    public int NoAnswers => _routes.Values.Sum(r => r.Count(x => x.Status == 0));

    public IEnumerable<string> ServerErrorSamples => _serverErrors.Take(5);

    public IEnumerable<string> Table()
    {
        yield return $"  {"route",-34} {"count",7} {"p50 ms",8} {"p99 ms",8} {"max ms",8}  statuses";
        foreach (var (route, samples) in _routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var times = samples.Select(s => s.Milliseconds).ToList();
            var statuses = string.Join(", ", samples.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {route,-34} {times.Count,7} {Stats.Percentile(times, 50),8:0.0} {Stats.Percentile(times, 99),8:0.0} {times.Max(),8:0.0}  {statuses}");
        }
    }

    private void Record(string route, double milliseconds, int status) => _routes.GetOrAdd(route, _ => []).Add((milliseconds, status));
}
