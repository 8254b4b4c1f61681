namespace Scipion.Cli.Ingest;

/// <summary>Notable moments in the agent's life, as lines; the live table reads the files themselves.</summary>
public interface IIngestReporter
{
    void Report(IngestFile file, string message);

    void Note(string message);
}
