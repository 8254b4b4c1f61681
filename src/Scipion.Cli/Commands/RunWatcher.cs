using Scipion.Cli.Api;
using Spectre.Console;

namespace Scipion.Cli.Commands;

/// <summary>Polls a run until it ends: a live table of steps on a terminal, one line per change otherwise.</summary>
public static class RunWatcher
{
    public static async Task<int> WatchAsync(CliContext context, ScipionClient api, string projectId, string runId, TimeSpan interval, CancellationToken ct)
    {
        var run = await api.GetRunAsync(projectId, runId, ct);
        if (context.Interactive)
        {
            await context.Console.Live(Render(run)).StartAsync(async live =>
            {
                while (!run.IsFinished)
                {
                    await Task.Delay(interval, ct);
                    run = await api.GetRunAsync(projectId, runId, ct);
                    live.UpdateTarget(Render(run));
                }
            });
        }
        else
        {
            var seen = new HashSet<string>();
            while (true)
            {
                foreach (var line in Lines(run).Where(seen.Add))
                {
                    context.WriteLine(line);
                }

                if (run.IsFinished)
                {
                    break;
                }

                await Task.Delay(interval, ct);
                run = await api.GetRunAsync(projectId, runId, ct);
            }
        }

        if (run.Error is { } error)
        {
            context.Error.WriteLine($"error: {error.Title}");
            if (!string.IsNullOrEmpty(error.Detail))
            {
                context.Error.WriteLine($"  {error.Detail}");
            }
        }

        context.WriteLine($"run {run.RunId} {run.Status.ToLowerInvariant()} with {run.Outputs.Count} outputs");
        return run.Status == "Completed" ? 0 : CommandRunner.Failed;
    }

    public static string Colour(string status) => status switch
    {
        "Completed" => "[green]Completed[/]",
        "Failed" => "[red]Failed[/]",
        "Canceled" => "[yellow]Canceled[/]",
        "Running" => "[blue]Running[/]",
        _ => Markup.Escape(status),
    };

    private static IEnumerable<string> Lines(RunInfo run)
    {
        yield return $"run {run.RunId} ({run.Tool}): {run.Status}";
        foreach (var step in run.Steps)
        {
            var progress = step.Progress is { } p ? $" {p * 100:F0}%" : string.Empty;
            yield return $"  {step.Name}: {step.Status}{progress}";
        }
    }

    private static Table Render(RunInfo run)
    {
        var table = new Table().Title($"run {Markup.Escape(run.RunId)} ({Markup.Escape(run.Tool)}): {Colour(run.Status)}")
            .AddColumns("step", "status", "backend", "progress", "started", "finished");
        foreach (var step in run.Steps)
        {
            table.AddRow(
                Markup.Escape(step.Name),
                Colour(step.Status),
                Markup.Escape(step.Backend ?? ""),
                step.Progress is { } p ? $"{p * 100:F0}%" : "",
                step.StartedAt?.ToString("HH:mm:ss") ?? "",
                step.FinishedAt?.ToString("HH:mm:ss") ?? "");
        }

        table.Caption($"{run.Outputs.Count} outputs");
        return table;
    }
}
