using Scipion.Cli.Transfer;

namespace Scipion.Cli.Display;

/// <summary>Upload progress as log lines: one when a file starts (or resumes) and one per retry.</summary>
public sealed class PlainUploadObserver(TextWriter output) : IUploadObserver
{
    public void Started(string path, long size, long alreadyStaged)
    {
        var resumed = alreadyStaged > 0 ? $", resuming with {Units.Bytes(alreadyStaged)} already staged" : string.Empty;
        lock (output)
        {
            output.WriteLine($"uploading {path} ({Units.Bytes(size)}{resumed})");
        }
    }

    public void Transferred(string path, long bytes)
    {
    }

    public void Retrying(string path, Exception error, TimeSpan delay)
    {
        lock (output)
        {
            output.WriteLine($"retrying {path} in {delay.TotalSeconds:F1} s: {error.Message}");
        }
    }

    public void Finished(UploadOutcome outcome)
    {
        var resumed = outcome.BlocksResumed > 0 ? $", {outcome.BlocksResumed} blocks resumed" : string.Empty;
        lock (output)
        {
            output.WriteLine($"uploaded {outcome.Path} ({Units.Bytes(outcome.Size)} in {outcome.Elapsed.TotalSeconds:F1} s, {Units.Rate(outcome.BytesSent, outcome.Elapsed)}{resumed}, md5 {outcome.Md5})");
        }
    }
}
