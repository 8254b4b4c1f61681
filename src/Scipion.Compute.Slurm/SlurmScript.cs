using System.Globalization;
using System.Text;
using Scipion.Core.Compute;

namespace Scipion.Compute.Slurm;

/// <summary>
/// The batch script of a job: its Slurm request as #SBATCH lines, then its commands in order, stopping at the
/// first that fails and leaving a one-line reason in <see cref="SlurmBackend.MessageFile"/>. Kept in the job
/// folder, so a facility can read what ran and sbatch it again by hand.
/// </summary>
internal static class SlurmScript
{
    public const string FileName = "job.sbatch";

    public static string Render(JobDescription job, string? partition, SlurmOptions options)
    {
        var resources = job.Resources;
        string folder = Path.GetFullPath(job.JobFolderPath);
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        foreach (string option in Request(job, partition, options))
        {
            script.Append("#SBATCH ").Append(option).Append('\n');
        }

        script.Append(CultureInfo.InvariantCulture, $"# Job {job.Id} of Scipion. Commands run in order in the working directory; the first failure stops the job.\n");
        script.Append(CultureInfo.InvariantCulture, $"message={Quote(Path.Combine(folder, SlurmBackend.MessageFile))}\n");
        script.Append("rm -f \"$message\"\n");
        script.Append("echo \"=== Slurm job ${SLURM_JOB_ID:-?} on $(hostname), start ${SLURM_RESTART_COUNT:-0} ===\"\n");
        script.Append(CultureInfo.InvariantCulture, $"export OMP_NUM_THREADS={resources.Threads}\n");
        script.Append("""
            fail() { echo "$2" >&2; echo "$2" > "$message"; exit "$1"; }
            step() {
              local name="$1"; shift
              echo "+ $*"
              "$@"
              local rc=$?
              if [ "$rc" -eq 127 ]; then fail 127 "Could not start $name: not found. Is it installed? (RELION: scripts/install-relion.sh)"; fi
              if [ "$rc" -ne 0 ]; then fail "$rc" "$name exited with code $rc."; fi
            }

            """);
        foreach (var command in job.Commands)
        {
            var words = Launch(command, resources.MpiRanks, options);
            script.Append("step ").Append(Quote(command.Program)).Append(' ').AppendJoin(' ', words.Select(Quote)).Append('\n');
        }

        // An exit code of 0 is not proof of a result: some RELION errors still exit 0.
        var outputs = job.Outputs.Where(o => !o.Contains('*', StringComparison.Ordinal)).ToList();
        if (outputs.Count > 0)
        {
            script.Append("missing=()\n");
            script.Append("for output in ").AppendJoin(' ', outputs.Select(Quote)).Append("; do [ -e \"$output\" ] || missing+=(\"$output\"); done\n");
            script.Append("if [ \"${#missing[@]}\" -gt 0 ]; then fail 1 \"Finished but did not write $(printf '%s, ' \"${missing[@]}\" | sed 's/, $//').\"; fi\n");
        }

        return script.ToString();
    }

    /// <summary>The sbatch options of a job, one per #SBATCH line.</summary>
    public static IReadOnlyList<string> Request(JobDescription job, string? partition, SlurmOptions options)
    {
        var resources = job.Resources;
        string folder = Path.GetFullPath(job.JobFolderPath);
        var request = new List<string>
        {
            $"--job-name={job.Id.Value}",
            $"--chdir={Path.GetFullPath(job.WorkingDirectory)}",
            $"--output={Path.Combine(folder, SlurmBackend.OutLog)}",
            $"--error={Path.Combine(folder, SlurmBackend.ErrLog)}",

            // A requeued job appends to the logs of its earlier start instead of erasing them.
            "--open-mode=append",
            Invariant($"--ntasks={Math.Max(1, resources.MpiRanks)}"),
            Invariant($"--cpus-per-task={Math.Max(1, resources.Threads)}"),
            Invariant($"--mem={Math.Max(1, resources.MemoryMegabytes)}M"),
            Invariant($"--time={Minutes(resources.WallTime)}"),
            options.Requeue ? "--requeue" : "--no-requeue",
        };
        if (resources.Gpus > 0)
        {
            request.Add(Invariant($"--gres=gpu:{resources.Gpus}"));
        }

        if (!string.IsNullOrEmpty(partition))
        {
            request.Add($"--partition={partition}");
        }

        return request;
    }

    /// <summary>Slurm limits are whole minutes; a job never gets less than it asked for.</summary>
    public static int Minutes(TimeSpan wallTime) => Math.Max(1, (int)Math.Ceiling(wallTime.TotalMinutes));

    /// <summary>The words that run one command: under the MPI launcher when the job asks for several ranks.</summary>
    public static IReadOnlyList<string> Launch(CommandStep command, int ranks, SlurmOptions options)
    {
        if (ranks <= 1 || command.MpiProgram is null)
        {
            return [command.Program, .. command.Arguments];
        }

        var launcher = options.MpiLauncher
            .Replace("{ranks}", ranks.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. launcher, command.MpiProgram, .. command.Arguments];
    }

    /// <summary>Single quotes keep every character literal in bash; a quote itself is closed, escaped and reopened.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
