using System.Globalization;

namespace Scipion.Bench.Workflows;

/// <param name="Duration">How long <c>--only load</c> holds its load (<c>--duration 3m</c>, <c>20s</c>, <c>90</c> seconds or <c>00:03:00</c>).</param>
public sealed record BenchOptions(int Movies, int Activities, int Repeats, string? Only, TimeSpan Duration, int Users, double MoviesPerSecond)
{
    /// <summary>Every part runs by default but the load, which holds minutes and runs only when asked for.</summary>
    public bool Runs(string part) => Only == part || (Only is null && part != "load");

    public static BenchOptions Parse(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int Value(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new BenchOptions(Value("--movies", 100), Value("--activities", 500), Value("--repeats", 3), Text("--only"),
            Text("--duration") is { } duration ? ParseDuration(duration) : TimeSpan.FromMinutes(3), Value("--users", 20),
            Text("--movies-per-second") is { } rate ? double.Parse(rate, CultureInfo.InvariantCulture) : 2.0);
    }

    public static TimeSpan ParseDuration(string text) => text[^1] switch
    {
        's' => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        'h' => TimeSpan.FromHours(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ when text.Contains(':', StringComparison.Ordinal) => TimeSpan.Parse(text, CultureInfo.InvariantCulture),
        _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
    };
}
