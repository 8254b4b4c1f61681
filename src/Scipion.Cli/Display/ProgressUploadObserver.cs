using System.Collections.Concurrent;
using Scipion.Cli.Transfer;
using Spectre.Console;

namespace Scipion.Cli.Display;

/// <summary>Spectre progress bars: one per file and one overall, each with its throughput.</summary>
public sealed class ProgressUploadObserver(ProgressContext progress, ProgressTask overall) : IUploadObserver
{
    private readonly ConcurrentDictionary<string, ProgressTask> _files = new();

    public void Started(string path, long size, long alreadyStaged)
    {
        var task = _files.GetOrAdd(path, p => progress.AddTask(Markup.Escape(p), maxValue: Math.Max(1, size)));
        task.Value = alreadyStaged;
        overall.Increment(alreadyStaged);
    }

    public void Transferred(string path, long bytes)
    {
        if (_files.TryGetValue(path, out var task))
        {
            task.Increment(bytes);
        }

        overall.Increment(bytes);
    }

    public void Retrying(string path, Exception error, TimeSpan delay) =>
        progress.AddTask($"[yellow]retry[/] {Markup.Escape(path)} in {delay.TotalSeconds:F1} s: {Markup.Escape(error.Message)}", autoStart: false, maxValue: 1).StopTask();

    public void Finished(UploadOutcome outcome)
    {
        if (_files.TryGetValue(outcome.Path, out var task))
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
