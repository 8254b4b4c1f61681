namespace Scipion.Cli.Ingest;

/// <summary>One timestamped line per event: what a log file or a test wants when stdout is not a terminal.</summary>
public sealed class PlainIngestReporter(TextWriter output) : IIngestReporter
{
    public void Report(IngestFile file, string message) => Write($"{file.RemotePath}: {message}");

    public void Note(string message) => Write(message);

    private void Write(string line)
    {
        lock (output)
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
            output.Flush();
        }
    }
}
