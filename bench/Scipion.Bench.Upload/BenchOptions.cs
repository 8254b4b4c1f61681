namespace Scipion.Bench.Upload;

public sealed record BenchOptions(int Files, int SizeMiB, int Rounds, int Parallel, int BlockMiB)
{
    public static BenchOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
        }

        return new BenchOptions(Value("--files", 20), Value("--size-mib", 16), Value("--rounds", 2), Value("--parallel", 4), Value("--block-mib", 4));
    }
}
