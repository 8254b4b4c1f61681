using System.Globalization;
using Scipion.Core.Compute;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// The shell statements a task runs on its node: make and go to the run's folder on the scratch share, copy in the
/// project files Batch downloaded (<see cref="StageFolder"/>, the task's resource files, through read SAS URLs),
/// create the folders RELION will not create itself, keep RELION-style <c>run.out</c>/<c>run.err</c> in the job folder
/// (Batch keeps its own stdout.txt/stderr.txt too), run each command (the MPI build under mpirun when the job has
/// several ranks), and, however it ends, copy the job's output folder to <see cref="OutputsFolder"/>, which Batch
/// uploads to the project's container (the task's output files, through a create + write SAS).
/// </summary>
internal static class TaskScript
{
    public const string OutLog = "run.out";
    public const string ErrLog = "run.err";

    /// <summary>Where, under the task's working directory, Batch puts the project files the job reads.</summary>
    public const string StageFolder = "stage";

    /// <summary>Where, under the task's working directory, the job's outputs wait for Batch to upload them.</summary>
    public const string OutputsFolder = "outputs";

    public static IReadOnlyList<string> For(JobDescription job, NodeWorkspace workspace, PoolChoice pool, BatchOptions options)
    {
        string jobFolder = job.JobFolder.Replace('\\', '/');
        var folders = job.Outputs
            .Select(o => Path.GetDirectoryName(o.Replace('\\', '/'))?.Replace('\\', '/'))
            .Where(f => !string.IsNullOrEmpty(f) && !f.Contains('*', StringComparison.Ordinal))
            .Prepend(jobFolder)
            .Distinct(StringComparer.Ordinal)
            .Select(f => Shell.Quote(f!));
        string outputFolder = Shell.Quote(job.OutputFolder.Replace('\\', '/'));
        var statements = new List<string>
        {
            "set -eo pipefail",
            $"mkdir -p {Shell.QuotePath(workspace.Directory)}",
            $"cd {Shell.QuotePath(workspace.Directory)}",
            $"if [ -d \"$AZ_BATCH_TASK_WORKING_DIR/{StageFolder}\" ]; then cp -a \"$AZ_BATCH_TASK_WORKING_DIR/{StageFolder}/.\" .; fi",
            $"stage_out() {{ mkdir -p \"$AZ_BATCH_TASK_WORKING_DIR/{OutputsFolder}\"; if [ -d {outputFolder} ]; then cp -a {outputFolder}/. \"$AZ_BATCH_TASK_WORKING_DIR/{OutputsFolder}/\"; fi; }}",
            "trap 'rc=$?; stage_out; exit $rc' EXIT",
            $"mkdir -p {string.Join(' ', folders)}",
            $"exec > >(tee -a {Shell.Quote($"{jobFolder}/{OutLog}")}) 2> >(tee -a {Shell.Quote($"{jobFolder}/{ErrLog}")} >&2)",
        };
        if (pool.IsMultiInstance)
        {
            // mpirun reads the nodes from a hostfile; Batch lists the multi-instance task's nodes in AZ_BATCH_HOST_LIST.
            int slots = (job.Resources.MpiRanks + pool.Nodes - 1) / pool.Nodes;
            statements.Add($"for host in ${{AZ_BATCH_HOST_LIST//,/ }}; do echo \"$host slots={I(slots)}\"; done > \"$AZ_BATCH_TASK_WORKING_DIR/hostfile\"");
        }

        foreach (var command in job.Commands)
        {
            var actual = Actual(command, job.Resources, pool, options);
            statements.Add($"echo {Shell.Quote("+ " + actual)}");
            statements.Add(string.Join(' ', actual.Arguments.Prepend(actual.Program).Select(Shell.QuotePath)));
        }

        return statements;
    }

    /// <summary>Runs on every node of a multi-instance task before the primary starts: fails early when the scratch mount is missing.</summary>
    public static string Coordination(BatchOptions options) =>
        Shell.BashCommandLine([$"test -d {Shell.QuotePath($"$AZ_BATCH_NODE_MOUNTS_DIR/{options.MountName}")}"]);

    /// <summary>The command as the node runs it: the MPI build under mpirun for several ranks, <c>--gpu</c> added for GPU jobs.</summary>
    internal static CommandStep Actual(CommandStep command, JobResources resources, PoolChoice pool, BatchOptions options)
    {
        bool mpi = pool.UsesMpi && command.MpiProgram is not null;
        string program = mpi ? command.MpiProgram! : command.Program;
        var arguments = command.Arguments.ToList();
        if (resources.Gpus > 0 && options.GpuPrograms.Contains(Path.GetFileName(program)) && !arguments.Contains("--gpu"))
        {
            // RELION uses GPUs only when asked; an empty --gpu lets it spread over every GPU the node shows.
            arguments.AddRange(["--gpu", ""]);
        }

        if (!mpi)
        {
            return new CommandStep(program, arguments);
        }

        // -x passes the thread count to every rank (Open MPI, the HPC image's default MPI).
        string[] hosts = pool.IsMultiInstance ? ["--hostfile", "$AZ_BATCH_TASK_WORKING_DIR/hostfile"] : [];
        string[] launcher = ["-np", I(resources.MpiRanks), .. hosts, "-x", "OMP_NUM_THREADS", program];
        return new CommandStep(options.MpiRun, [.. launcher, .. arguments]);
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
