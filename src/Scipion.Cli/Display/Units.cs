namespace Scipion.Cli.Display;

internal static class Units
{
    public static string Bytes(double bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (1L << 30):F2} GiB",
        >= 1L << 20 => $"{bytes / (1L << 20):F1} MiB",
        >= 1L << 10 => $"{bytes / (1L << 10):F1} KiB",
        _ => $"{bytes:F0} B",
    };

    /// <summary>Decimal megabytes per second, as network throughput is usually quoted.</summary>
    public static string Rate(double bytes, TimeSpan elapsed) =>
        elapsed.TotalSeconds <= 0 ? "-" : $"{bytes / 1e6 / elapsed.TotalSeconds:F1} MB/s";
}
