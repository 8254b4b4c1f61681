namespace Scipion.Cli.Transfer;

/// <summary>What an upload reports as it goes, for progress bars, live tables or log lines.</summary>
public interface IUploadObserver
{
    void Started(string path, long size, long alreadyStaged);

    void Transferred(string path, long bytes);

    void Retrying(string path, Exception error, TimeSpan delay);

    void Finished(UploadOutcome outcome);
}

public sealed class NoObserver : IUploadObserver
{
    public static readonly NoObserver Instance = new();

    public void Started(string path, long size, long alreadyStaged)
    {
    }

    public void Transferred(string path, long bytes)
    {
    }

    public void Retrying(string path, Exception error, TimeSpan delay)
    {
    }

    public void Finished(UploadOutcome outcome)
    {
    }
}
