using System.Diagnostics;
using System.Text.Json.Nodes;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Science.Tests;

public sealed class LocalProcessBackendTests : IDisposable
{
    private readonly Workspace _workspace = new("backend");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_job_runs_in_its_working_directory_creating_its_folders_and_logging_to_run_out_and_run_err()
    {
        using var backend = PlanRunner.Backend(_workspace.Path);
        var job = Shell("logs", "echo made > Runs/r/Out/job001/result.txt; echo to-out; echo to-err >&2", outputs: ["Runs/r/Out/job001/result.txt"]);

        var status = await PlanRunner.RunJobAsync(backend, job);

        Assert.Equal(0, status.ExitCode);
        Assert.Equal(1.0, status.Progress);
        Assert.Equal("made\n", File.ReadAllText(_workspace.File("Runs/r/Out/job001/result.txt")));
        Assert.Contains("to-out", File.ReadAllText(Path.Combine(job.JobFolderPath, "run.out")), StringComparison.Ordinal);
        Assert.Equal("to-err\n", File.ReadAllText(Path.Combine(job.JobFolderPath, "run.err")));
        Assert.Contains("\"state\": \"Completed\"", File.ReadAllText(Path.Combine(job.JobFolderPath, "job.json")), StringComparison.Ordinal);
        Assert.Contains("to-err", status.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_a_finished_job_again_returns_it_without_running_it_again_even_from_a_new_backend()
    {
        var job = Shell("once", "echo x >> count.txt");
        using (var backend = PlanRunner.Backend(_workspace.Path))
        {
            await PlanRunner.RunJobAsync(backend, job);
            Assert.Equal(JobState.Completed, (await backend.SubmitAsync(job)).State);
        }

        using var restarted = PlanRunner.Backend(_workspace.Path);
        Assert.Equal(JobState.Completed, (await restarted.GetStatusAsync(job.Id)).State);
        Assert.Equal(JobState.Completed, (await restarted.SubmitAsync(job)).State);
        Assert.Single(File.ReadAllLines(_workspace.File("count.txt")));
    }

    [Fact]
    public async Task A_job_whose_host_died_while_it_ran_is_reported_interrupted_and_runs_again_when_resubmitted()
    {
        var job = Shell("interrupted", "echo x >> count.txt");
        Directory.CreateDirectory(job.JobFolderPath);
        using var backend = PlanRunner.Backend(_workspace.Path);

        // What a host that crashed mid-job leaves behind: a Running record owned by a process that is gone.
        File.WriteAllText(Path.Combine(job.JobFolderPath, "job.json"), new JsonObject
        {
            ["id"] = job.Id.Value, ["state"] = "Running", ["hostProcessId"] = int.MaxValue - 1, ["hostStartedAt"] = "2020-01-01T00:00:00Z",
        }.ToJsonString());
        File.WriteAllText(Path.Combine(_workspace.Path, ".jobs", job.Id.Value + ".folder"), job.JobFolderPath);

        var before = await backend.GetStatusAsync(job.Id);
        Assert.Equal(JobState.Failed, before.State);
        Assert.Contains("Interrupted", before.Message, StringComparison.Ordinal);

        await PlanRunner.RunJobAsync(backend, job);
        Assert.Single(File.ReadAllLines(_workspace.File("count.txt")));
    }

    [Fact]
    public async Task Canceling_a_job_kills_its_whole_process_tree()
    {
        using var backend = PlanRunner.Backend(_workspace.Path);
        var job = Shell("cancel", "sleep 300 & echo $! > child.pid; wait");
        await backend.SubmitAsync(job);
        string pidFile = _workspace.File("child.pid");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the job never started");
            await Task.Delay(50);
        }

        int child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var status = await backend.CancelAsync(job.Id);

        Assert.Equal(JobState.Canceled, status.State);
        Assert.False(IsAlive(child), $"the job's child process {child} survived the cancel");
    }

    [Fact]
    public async Task A_non_zero_exit_fails_the_job_with_its_exit_code_and_the_tail_of_its_log()
    {
        using var backend = PlanRunner.Backend(_workspace.Path);
        var job = Shell("fails", "echo working; echo 'ERROR: something broke' >&2; exit 3");

        await backend.SubmitAsync(job);
        var status = await backend.WaitAsync(job.Id);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(3, status.ExitCode);
        Assert.Contains("ERROR: something broke", status.LogTail, StringComparison.Ordinal);
        Assert.Contains("exited with code 3", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_program_or_a_missing_promised_output_fails_the_job_saying_why()
    {
        using var backend = PlanRunner.Backend(_workspace.Path);
        var missingProgram = Shell("noprogram", "true") with { Commands = [new CommandStep("relion_does_not_exist", [])] };
        await backend.SubmitAsync(missingProgram);
        var status = await backend.WaitAsync(missingProgram.Id);
        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("install-relion.sh", status.Message, StringComparison.Ordinal);

        var noOutput = Shell("nooutput", "true", outputs: ["Runs/r/x/never.mrc"]);
        await backend.SubmitAsync(noOutput);
        status = await backend.WaitAsync(noOutput.Id);
        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("never.mrc", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_asking_for_several_mpi_ranks_runs_the_mpi_program_under_mpirun_as_root()
    {
        // /bin/echo stands in for mpirun so the test shows the exact command line without starting MPI.
        using var backend = new Scipion.Compute.Local.LocalProcessBackend(new Scipion.Compute.Local.LocalBackendOptions
        {
            StateDirectory = Path.Combine(_workspace.Path, ".jobs"),
            MpiRun = "/bin/echo",
        });
        var job = Shell("mpi", "true") with
        {
            Commands = [new CommandStep("relion_refine", ["--o", "x"], "relion_refine_mpi")],
            Resources = new JobResources { MpiRanks = 3 },
        };

        await PlanRunner.RunJobAsync(backend, job);

        Assert.Contains("--allow-run-as-root -np 3 relion_refine_mpi --o x", File.ReadAllText(Path.Combine(job.JobFolderPath, "run.out")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_relion_job_reports_progress_from_the_iteration_in_its_log()
    {
        using var backend = PlanRunner.Backend(_workspace.Path);
        var job = Shell("progress", "echo ' Stochastic Gradient Descent iteration 31 of 100'; touch started; sleep 300");
        await backend.SubmitAsync(job);
        var clock = Stopwatch.StartNew();
        JobStatus status;
        do
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no progress was reported");
            await Task.Delay(50);
            status = await backend.GetStatusAsync(job.Id);
        }
        while (status.Progress is null or 0);

        Assert.Equal(JobState.Running, status.State);
        Assert.Equal(0.3, status.Progress!.Value, 3);
        await backend.CancelAsync(job.Id);
    }

    [Fact]
    public async Task A_new_job_in_a_folder_an_earlier_job_finished_in_runs_rather_than_taking_that_result()
    {
        // A job folder can be used again under a new job id (a step run again after its outputs were cleared).
        using var backend = PlanRunner.Backend(_workspace.Path);
        var first = Shell("shared", "echo x >> count.txt");
        var second = first with { Id = JobId.For("backend-test", "shared-2") };

        await PlanRunner.RunJobAsync(backend, first);
        await PlanRunner.RunJobAsync(backend, second);

        Assert.Equal(2, File.ReadAllLines(_workspace.File("count.txt")).Length);
    }

    [Fact]
    public async Task An_unknown_job_id_is_not_found()
    {
        using var backend = PlanRunner.Backend(_workspace.Path);
        var error = await Assert.ThrowsAsync<ScipionError>(() => backend.GetStatusAsync(JobId.For("nope", "nope")));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    private JobDescription Shell(string name, string script, IReadOnlyList<string>? outputs = null) => new()
    {
        Id = JobId.For("backend-test", name),
        WorkingDirectory = _workspace.Path,
        JobFolder = $"Runs/r/{name}/job001",
        Commands = [new CommandStep("/bin/sh", ["-c", script])],
        Outputs = outputs ?? [],
    };

    private static bool IsAlive(int pid)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            // A killed child lingers as a zombie until reaped; treat zombies as dead.
            string stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] == "Z")
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return true;
    }
}
