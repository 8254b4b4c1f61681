using System.Globalization;
using System.Text.RegularExpressions;

namespace Scipion.Compute.Slurm;

/// <summary>What Slurm says about one job: from <c>scontrol show job -o</c> while it keeps the record, from <c>sacct -c</c> after.</summary>
internal sealed partial record SlurmJobInfo(
    string SlurmJobId,
    string JobName,
    string State,
    string Reason,
    int ExitCode,
    int Signal,
    string TimeLimit,
    int Restarts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>Parses one line of <c>scontrol show job -o</c>: space-separated Key=Value pairs.</summary>
    public static SlurmJobInfo FromScontrol(string line)
    {
        var fields = Pairs().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        string Field(string key) => fields.TryGetValue(key, out string? value) ? value : string.Empty;
        var (code, signal) = ParseExitCode(Field("ExitCode"));
        return new SlurmJobInfo(
            Field("JobId"),
            Field("JobName"),
            Field("JobState"),
            Field("Reason"),
            code,
            signal,
            Field("TimeLimit"),
            int.TryParse(Field("Restarts"), CultureInfo.InvariantCulture, out int restarts) ? restarts : 0,
            ParseTime(Field("StartTime")),
            ParseTime(Field("EndTime")));
    }

    /// <summary>Parses one line of <c>sacct -c -n -P --format=JobID,JobName,State,ExitCode,Timelimit,Start,End</c>.</summary>
    public static SlurmJobInfo FromSacct(string line)
    {
        string[] parts = line.Split('|');
        string Part(int i) => i < parts.Length ? parts[i].Trim() : string.Empty;
        var (code, signal) = ParseExitCode(Part(3));

        // sacct writes "CANCELLED by 0"; the state is the first word.
        string state = Part(2).Split(' ', 2)[0];
        return new SlurmJobInfo(Part(0), Part(1), state, string.Empty, code, signal, Part(4), 0, ParseTime(Part(5)), ParseTime(Part(6)));
    }

    /// <summary>Slurm writes exit codes as <c>code:signal</c>.</summary>
    public static (int Code, int Signal) ParseExitCode(string text)
    {
        string[] parts = text.Split(':');
        int code = parts.Length > 0 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int c) ? c : 0;
        int signal = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int s) ? s : 0;
        return (code, signal);
    }

    /// <summary>A Slurm time limit ("1", "00:01:00", "1-02:00:00", "UNLIMITED") in words, like "1 min" or "26 h".</summary>
    public static string DescribeTimeLimit(string limit)
    {
        if (!TryParseLimit(limit, out var span))
        {
            return limit.Length > 0 ? limit : "unknown";
        }

        return span.TotalMinutes < 60 || span.TotalMinutes % 60 != 0
            ? $"{span.TotalMinutes:0} min"
            : $"{span.TotalHours:0} h";
    }

    private static bool TryParseLimit(string limit, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        if (limit.Length == 0 || !char.IsAsciiDigit(limit[0]))
        {
            return false;
        }

        int days = 0;
        string rest = limit;
        int dash = limit.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            if (!int.TryParse(limit[..dash], CultureInfo.InvariantCulture, out days))
            {
                return false;
            }

            rest = limit[(dash + 1)..];
        }

        var numbers = rest.Split(':').Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out int n) ? n : -1).ToArray();
        if (numbers.Any(n => n < 0))
        {
            return false;
        }

        // Slurm's forms: minutes; minutes:seconds; hours:minutes:seconds; with days, days-hours[:minutes[:seconds]].
        span = (dash > 0, numbers.Length) switch
        {
            (false, 1) => TimeSpan.FromMinutes(numbers[0]),
            (false, 2) => new TimeSpan(0, numbers[0], numbers[1]),
            (_, 3) => new TimeSpan(days, numbers[0], numbers[1], numbers[2]),
            (true, 1) => new TimeSpan(days, numbers[0], 0, 0),
            (true, 2) => new TimeSpan(days, numbers[0], numbers[1], 0),
            _ => TimeSpan.Zero,
        };
        return span > TimeSpan.Zero;
    }

    private static DateTimeOffset? ParseTime(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time)
            ? new DateTimeOffset(time)
            : null;

    [GeneratedRegex(@"(?:^|\s)([A-Za-z][A-Za-z0-9_:]*)=(\S*)")]
    private static partial Regex Pairs();
}
