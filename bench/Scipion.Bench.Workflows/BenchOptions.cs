namespace Scipion.Bench.Workflows;

public sealed record BenchOptions(int Movies, int Activities, int Repeats, string? Only)
{
    public bool Runs(string part) => Only is null || Only == part;

    public static BenchOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }

        var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        return new BenchOptions(Value("--movies", 100), Value("--activities", 500), Value("--repeats", 3), only);
    }
}
