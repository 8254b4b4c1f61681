using System.Collections.Concurrent;
using CsCheck;

namespace Scipion.Api.Tests.Hostile;

/// <summary>
/// Runs a property over generated cases in two passes. First every case of the run's seed, deterministically and side by
/// side, collecting every failure (so one run shows every distinct cause, not only the first). Then, for each distinct
/// cause, CsCheck's own sampling from the failing case's seed, which shrinks it to a minimal case it prints with the seed
/// that replays it.
/// </summary>
public sealed class HostileSampler(ulong runSeed, Action<string> log)
{
    /// <summary>
    /// The run's seed: HOSTILE_SEED where set (to replay a CI run), else the day's date, so each day's CI runs try other
    /// cases while one day's runs agree. Printed at the start of every property.
    /// </summary>
    public static ulong SeedOfThisRun() =>
        ulong.TryParse(Environment.GetEnvironmentVariable("HOSTILE_SEED"), out var seed) ? seed : ulong.Parse(DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<string>> RunAsync<T>(string name, Gen<T> gen, int count, int parallel, Func<T, Task> property, int shrinkIterations = 150)
    {
        var stream = Stream(name);
        log($"{name}: {count} cases, seed {runSeed} (HOSTILE_SEED={runSeed} replays them), {parallel} at a time");
        var failures = new ConcurrentDictionary<string, ConcurrentBag<(int Index, string Seed, string Message)>>();
        using var gate = new SemaphoreSlim(parallel);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var pcg = new PCG(stream, runSeed * 1_000_003 + (ulong)i);
            var state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            var seed = pcg.ToString(state);
            await gate.WaitAsync();
            try
            {
                await property(value);
            }
            catch (HostileFailure failure)
            {
                failures.GetOrAdd(failure.Kind, _ => []).Add((i, seed, failure.Message));
            }
            catch (Exception e)
            {
                failures.GetOrAdd($"the suite itself failed: {e.GetType().Name}", _ => []).Add((i, seed, e.ToString()));
            }
            finally
            {
                gate.Release();
            }
        }));
        log($"{name}: {count} cases in {clock.Elapsed.TotalSeconds:0.0} s, {failures.Sum(f => f.Value.Count)} failed in {failures.Count} distinct ways");

        var report = new List<string>();
        foreach (var (kind, cases) in failures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var first = cases.OrderBy(c => c.Index).First();
            var shrunk = await ShrinkAsync(gen, OnlyFailing(kind, property), first.Seed, parallel, shrinkIterations);
            report.Add($"{kind} — {cases.Count} case(s); first: {first.Message}\n  minimal (CsCheck): {shrunk}");
        }

        foreach (var line in report)
        {
            log("FAILED " + line);
        }

        // HOSTILE_VERBOSE=1 lists every failing case, not only the first and the minimal one of each cause.
        if (Environment.GetEnvironmentVariable("HOSTILE_VERBOSE") == "1")
        {
            foreach (var (kind, cases) in failures)
            {
                foreach (var (index, seed, message) in cases.OrderBy(c => c.Index))
                {
                    log($"FAILED #{index} (seed {seed}) {message}");
                }
            }
        }

        return report;
    }

    /// <summary>The property failing only for one cause, so that shrinking keeps to it.</summary>
    private static Func<T, Task> OnlyFailing<T>(string kind, Func<T, Task> property) => async value =>
    {
        try
        {
            await property(value);
        }
        catch (HostileFailure failure) when (failure.Kind != kind)
        {
        }
    };

    /// <summary>CsCheck samples again from the failing seed, keeping the smallest case that still fails.</summary>
    private static async Task<string> ShrinkAsync<T>(Gen<T> gen, Func<T, Task> property, string seed, int parallel, int iterations)
    {
        try
        {
            await gen.SampleAsync(property, seed: seed, iter: iterations, threads: parallel);
            return $"(seed {seed} passed when tried again)";
        }
        catch (Exception e)
        {
            return e.Message.Length <= 3000 ? e.Message : e.Message[..3000] + "…";
        }
    }

    private static uint Stream(string name)
    {
        uint hash = 2166136261;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
