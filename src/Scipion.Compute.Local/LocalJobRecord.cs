using System.Text.Json;
using System.Text.Json.Serialization;
using Scipion.Core.Compute;

namespace Scipion.Compute.Local;

/// <summary>
/// The state file (<c>job.json</c>) kept in each job folder. It outlives the process that ran the
/// job, so a restarted host can tell a finished job (keep its result) from an interrupted one (rerun).
/// </summary>
internal sealed record LocalJobRecord
{
    public const string FileName = "job.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public required string Id { get; init; }

    public required JobState State { get; init; }

    /// <summary>The host process that supervises the job; a Running record whose host is gone was interrupted.</summary>
    public int HostProcessId { get; init; }

    public DateTimeOffset HostStartedAt { get; init; }

    public int? ProcessId { get; init; }

    public int CommandIndex { get; init; }

    public int CommandCount { get; init; }

    public int? ExitCode { get; init; }

    public string? Message { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public static LocalJobRecord? TryRead(string jobFolder)
    {
        string path = Path.Combine(jobFolder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LocalJobRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            // A torn write from a crash: treat as never run, which reruns it (at-least-once).
            return null;
        }
    }

    public void Write(string jobFolder)
    {
        string path = Path.Combine(jobFolder, FileName);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
