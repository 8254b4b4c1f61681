using Scipion.Cli.Display;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Scipion.Cli.Ingest;

/// <summary>The live table on a terminal: the most recent files with state, progress and rate, and the backlog.</summary>
public sealed class LiveIngestView : IIngestReporter
{
    private const int Rows = 20;
    private readonly Queue<string> _notes = new();

    public void Report(IngestFile file, string message)
    {
        if (file.State == IngestState.Retrying)
        {
            Note($"{file.RemotePath}: {message}");
        }
    }

    public void Note(string message)
    {
        lock (_notes)
        {
            _notes.Enqueue($"{DateTime.Now:HH:mm:ss} {message}");
            while (_notes.Count > 5)
            {
                _notes.Dequeue();
            }
        }
    }

    public async Task ShowAsync(IAnsiConsole console, IngestAgent agent, Task running)
    {
        await console.Live(Render(agent)).AutoClear(false).StartAsync(async live =>
        {
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(500));
                live.UpdateTarget(Render(agent));
            }
        });
    }

    private IRenderable Render(IngestAgent agent)
    {
        var files = agent.Files.ToList();
        var uploaded = files.Where(f => f.State == IngestState.Uploaded).ToList();
        var backlog = files.Count(f => f.IsPending);
        var bytes = files.Sum(f => Interlocked.Read(ref f.Sent));
        var table = new Table().Expand()
            .Title($"ingest: [green]{uploaded.Count}[/] uploaded, [yellow]{backlog}[/] in backlog, {files.Count(f => f.State == IngestState.AlreadyUploaded)} done earlier, {Units.Rate(bytes, DateTime.UtcNow - agent.Started)} overall")
            .AddColumns("movie", "state", "size", "progress", "rate", "note");
        foreach (var file in files.OrderByDescending(f => f.IsPending).ThenByDescending(f => f.UploadStarted).ThenBy(f => f.RemotePath).Take(Rows))
        {
            var sent = Interlocked.Read(ref file.Sent);
            var elapsed = file.State == IngestState.Uploading ? DateTime.UtcNow - file.UploadStarted : file.UploadTime;
            table.AddRow(
                Markup.Escape(file.RemotePath),
                State(file.State),
                file.Size >= 0 ? Units.Bytes(file.Size) : "",
                file.State is IngestState.Uploading && file.Size > 0 ? $"{100.0 * sent / file.Size:F0}%" : "",
                file.State is IngestState.Uploading or IngestState.Uploaded ? Units.Rate(sent, elapsed) : "",
                Markup.Escape(file.Message ?? ""));
        }

        lock (_notes)
        {
            table.Caption(Markup.Escape(string.Join(Environment.NewLine, _notes)));
        }

        return table;
    }

    private static string State(IngestState state) => state switch
    {
        IngestState.Uploaded => "[green]uploaded[/]",
        IngestState.AlreadyUploaded => "[grey]done earlier[/]",
        IngestState.Uploading => "[blue]uploading[/]",
        IngestState.Retrying => "[red]retrying[/]",
        IngestState.Queued => "queued",
        IngestState.Settling => "[yellow]settling[/]",
        _ => "[yellow]writing[/]",
    };
}
