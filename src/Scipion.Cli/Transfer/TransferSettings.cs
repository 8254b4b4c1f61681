namespace Scipion.Cli.Transfer;

public sealed record TransferSettings
{
    public const int MiB = 1024 * 1024;

    /// <summary>4 MiB: large enough for full-speed requests, small enough that a resume re-sends little.</summary>
    public int BlockSize { get; init; } = 4 * MiB;

    /// <summary>Files uploaded at once.</summary>
    public int ParallelFiles { get; init; } = 4;

    /// <summary>Blocks in flight across all files: this bounds both connections and memory (one buffer each).</summary>
    public int ParallelBlocks { get; init; } = 8;

    public int MaxAttempts { get; init; } = 8;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Blocks one upload grant serves before a fresh one is asked for: a member removed from the project stops within
    /// one batch (the API grants nothing more), not when a grant expires.
    /// </summary>
    public int BlocksPerGrant { get; init; } = 16;

    /// <summary>A grant this close to expiry is replaced before use rather than after a refusal.</summary>
    public TimeSpan GrantRenewalMargin { get; init; } = TimeSpan.FromMinutes(1);
}
