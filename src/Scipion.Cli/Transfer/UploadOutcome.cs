namespace Scipion.Cli.Transfer;

/// <summary>How one file's upload ended: bytes actually sent this time (resumed blocks are not sent again).</summary>
public sealed record UploadOutcome(string Path, long Size, long BytesSent, int BlocksSent, int BlocksResumed, string Md5, bool AlreadyDone, TimeSpan Elapsed);
