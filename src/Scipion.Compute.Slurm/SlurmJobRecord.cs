using System.Text.Json;

namespace Scipion.Compute.Slurm;

/// <summary>
/// The Slurm job id a job folder was submitted as (<c>slurm.json</c>), written right after sbatch answers,
/// so a resubmission finds the job even after Slurm has purged it from its memory.
/// </summary>
internal sealed record SlurmJobRecord(string JobId, string SlurmJobId, DateTimeOffset SubmittedAt, string? Partition)
{
    public const string FileName = "slurm.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SlurmJobRecord? TryRead(string jobFolder)
    {
        string path = Path.Combine(jobFolder, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<SlurmJobRecord>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null; // A torn record is as good as none: squeue by job name still finds the job.
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
