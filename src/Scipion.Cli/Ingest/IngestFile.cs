namespace Scipion.Cli.Ingest;

public enum IngestState
{
    /// <summary>Still changing size or time stamp, or held open by its writer.</summary>
    Writing,

    /// <summary>Unchanged, waiting out the settle time.</summary>
    Settling,

    Queued,
    Uploading,
    Uploaded,

    /// <summary>Uploaded by an earlier run, according to the journal.</summary>
    AlreadyUploaded,

    /// <summary>Failed; tried again after a backoff.</summary>
    Retrying,
}

/// <summary>One movie as the agent sees it; mutated by the scanner and one upload worker, read by the display.</summary>
public sealed class IngestFile(string localPath, string remotePath)
{
    public string LocalPath { get; } = localPath;

    public string RemotePath { get; } = remotePath;

    public IngestState State { get; set; } = IngestState.Writing;

    public long Size { get; set; } = -1;

    public DateTime LastWriteUtc { get; set; }

    public DateTime StableSince { get; set; }

    public long Sent;

    public DateTime UploadStarted { get; set; }

    public TimeSpan UploadTime { get; set; }

    public int Failures { get; set; }

    public DateTime NextAttempt { get; set; }

    public string? Message { get; set; }

    public bool IsPending => State is IngestState.Writing or IngestState.Settling or IngestState.Queued or IngestState.Uploading or IngestState.Retrying;
}
