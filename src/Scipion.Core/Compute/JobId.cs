using System.Text;

namespace Scipion.Core.Compute;

/// <summary>
/// Identifies one step of one run. Derived, never random, so a retried orchestration step
/// submits the same id and the backend can recognise the job it already has.
/// </summary>
public readonly record struct JobId
{
    private JobId(string value) => Value = value;

    public string Value { get; }

    public static JobId For(string runId, string step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        return new JobId($"{Clean(runId)}--{Clean(step)}");
    }

    /// <summary>Rebuilds an id that was produced by <see cref="For"/> and stored as text.</summary>
    public static JobId Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (Clean(value) != value)
        {
            throw new FormatException($"'{value}' is not a job id.");
        }

        return new JobId(value);
    }

    /// <summary>Reads an id that arrived from outside (a site's report); false for text no <see cref="For"/> produces.</summary>
    public static bool TryParse(string? value, out JobId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(value) || Clean(value) != value)
        {
            return false;
        }

        id = new JobId(value);
        return true;
    }

    public override string ToString() => Value;

    // Job ids become file names and scheduler job names: keep them to a safe alphabet.
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return clean.ToString();
    }
}
