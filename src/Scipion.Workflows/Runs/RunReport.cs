using System.Globalization;
using System.Text;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>A short Markdown report in the run's folder: what ran, on what, how it went, and its pictures.</summary>
public static class RunReport
{
    public const string FileName = "report.md";

    public static async Task WriteAsync(string workspace, Run run)
    {
        var folder = Path.Combine(workspace, Run.RunFolder(run.RunId));
        Directory.CreateDirectory(folder);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Run {run.RunId}: {run.Tool}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Status: **{run.Status}**")
            .AppendLine(CultureInfo.InvariantCulture, $"- Started by {run.CreatedBy} at {run.CreatedAt:u}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Inputs: `{run.Inputs.ToJsonString()}` ({run.InputFiles.Count} file(s))")
            .AppendLine(CultureInfo.InvariantCulture, $"- Parameters: `{run.Parameters.ToJsonString()}`")
            .AppendLine()
            .AppendLine("| step | status | backend | job | started | finished |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var step in run.Steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {step.Name} | {step.Status} | {step.Backend} | {step.JobId} | {step.StartedAt:u} | {step.FinishedAt:u} |");
        }

        if (run.Error is { } error)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {error.Title}").AppendLine().AppendLine(error.Detail);
            if (!string.IsNullOrWhiteSpace(error.LogTail))
            {
                text.AppendLine().AppendLine("```").AppendLine(error.LogTail.TrimEnd()).AppendLine("```");
            }
        }

        var pictures = Directory.EnumerateFiles(folder, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (pictures.Count > 0)
        {
            text.AppendLine().AppendLine("## Results").AppendLine();
            foreach (var picture in pictures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"![{picture}]({picture})").AppendLine();
            }
        }

        await File.WriteAllTextAsync(Path.Combine(folder, FileName), text.ToString());
    }
}
