using System.Diagnostics;
using System.Text.Json.Nodes;
using Scipion.Core.Compute;

namespace Scipion.AzureBatch.Tests;

/// <summary>
/// Runs the command lines the backend sends through a local POSIX shell, with stand-ins for RELION and mpirun and
/// Batch's node variables pointing at a temporary folder. A shell splits the command line the way Batch's Linux agent
/// is expected to (the spec only says to invoke a shell); what this proves is the quoting, the folders, the logs and
/// the arguments each program receives.
/// </summary>
public sealed class TaskScriptRunTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"scipion-batch-{Guid.NewGuid():N}");

    public TaskScriptRunTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mounts", "scratch"));
        Directory.CreateDirectory(Path.Combine(_root, "task"));
        Directory.CreateDirectory(Path.Combine(_root, "bin"));
        foreach (string program in new[] { "relion_run_motioncorr", "mpirun" })
        {
            string path = Path.Combine(_root, "bin", program);
            File.WriteAllText(path, "#!/bin/sh\necho \"$(basename \"$0\") in $(pwd)\"\nfor a in \"$@\"; do echo \"[$a]\"; done\necho \"threads $OMP_NUM_THREADS\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_plain_step_runs_in_the_runs_scratch_folder_with_its_arguments_intact_and_logs_in_the_job_folder()
    {
        var job = BatchHarness.MotionCorrection() with
        {
            Commands = [new CommandStep("relion_run_motioncorr", ["--i", "it's a movie list.star", "--o", "Runs/r1/MotionCorr/job001/", "--pattern", "*.tif", "--empty", ""])],
        };

        var (exitCode, output) = await RunTaskAsync(job);

        Assert.Equal(0, exitCode);
        string project = Path.Combine(_root, "mounts", "scratch", "p1", "r1");
        string log = File.ReadAllText(Path.Combine(project, "Runs/r1/MotionCorr/job001/run.out"));
        Assert.Contains($"relion_run_motioncorr in {project}", log, StringComparison.Ordinal);
        Assert.Contains("[it's a movie list.star]", log, StringComparison.Ordinal);
        Assert.Contains("[*.tif]", log, StringComparison.Ordinal);
        Assert.Contains("[]", log, StringComparison.Ordinal);
        Assert.Contains("threads 2", log, StringComparison.Ordinal);
        Assert.Contains("+ relion_run_motioncorr --i \"it's a movie list.star\"", log, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(project, "Runs/r1/MotionCorr/job001/Movies")), "The folder of a glob output is created.");
        Assert.Contains("[it's a movie list.star]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mpi_step_writes_a_hostfile_from_the_batch_host_list_and_runs_the_mpi_program_under_mpirun()
    {
        var (exitCode, _) = await RunTaskAsync(BatchHarness.Refinement(ranks: 5, threads: 60), hosts: "10.0.0.4,10.0.0.5,10.0.0.6");

        Assert.Equal(0, exitCode);
        Assert.Equal("10.0.0.4 slots=2\n10.0.0.5 slots=2\n10.0.0.6 slots=2\n", File.ReadAllText(Path.Combine(_root, "task", "hostfile")));
        string log = File.ReadAllText(Path.Combine(_root, "mounts", "scratch", "p1", "r1", "Runs/r1/Refine3D/job002/run.out"));
        Assert.Contains($"[-np]\n[5]\n[--hostfile]\n[{_root}/task/hostfile]\n[-x]\n[OMP_NUM_THREADS]\n[relion_refine_mpi]\n[--o]", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_command_fails_the_task_and_its_logs_still_wait_for_upload()
    {
        var job = BatchHarness.MotionCorrection() with { Commands = [new CommandStep("false", []), new CommandStep("relion_run_motioncorr", [])] };

        var (exitCode, output) = await RunTaskAsync(job);

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("relion_run_motioncorr in", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "task", "outputs", "run.out")));
    }

    [Fact]
    public async Task Staged_inputs_are_copied_into_the_runs_folder_and_only_the_output_folder_waits_for_upload()
    {
        Directory.CreateDirectory(Path.Combine(_root, "task", "stage", "Runs", "r1", "Import", "job001"));
        File.WriteAllText(Path.Combine(_root, "task", "stage", "Runs", "r1", "Import", "job001", "movies.star"), "data_movies");
        var job = BatchHarness.MotionCorrection() with
        {
            Commands = [new CommandStep("/bin/sh", ["-c", "cat Runs/r1/Import/job001/movies.star > Runs/r1/MotionCorr/job001/Movies/m1.mrc"])],
        };

        var (exitCode, output) = await RunTaskAsync(job);

        Assert.True(exitCode == 0, output);
        string run = Path.Combine(_root, "mounts", "scratch", "p1", "r1");
        Assert.Equal("data_movies", File.ReadAllText(Path.Combine(run, "Runs/r1/Import/job001/movies.star")));
        string outputs = Path.Combine(_root, "task", "outputs");
        Assert.Equal("data_movies", File.ReadAllText(Path.Combine(outputs, "Movies", "m1.mrc")));
        Assert.True(File.Exists(Path.Combine(outputs, "run.out")));
        Assert.False(Directory.Exists(Path.Combine(outputs, "Runs")), "Only the job's output folder is uploaded.");
    }

    [Fact]
    public async Task The_coordination_command_fails_on_a_node_without_the_mount()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);
        await harness.Backend.SubmitAsync(BatchHarness.Refinement());
        string coordination = (string)harness.Transport.Requests[1].Json()["multiInstanceSettings"]!["coordinationCommandLine"]!;

        Assert.Equal(0, (await ShellAsync(coordination, hosts: null)).ExitCode);
        Directory.Delete(Path.Combine(_root, "mounts", "scratch"), recursive: true);
        Assert.NotEqual(0, (await ShellAsync(coordination, hosts: null)).ExitCode);
    }

    private async Task<(int ExitCode, string Output)> RunTaskAsync(JobDescription job, string? hosts = null)
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);
        await harness.Backend.SubmitAsync(job);
        var task = harness.Transport.Requests[1].Json();
        return await ShellAsync((string)task["commandLine"]!, hosts, task["environmentSettings"]!.AsArray());
    }

    private async Task<(int ExitCode, string Output)> ShellAsync(string commandLine, string? hosts, JsonArray? environment = null)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        start.Environment["PATH"] = $"{Path.Combine(_root, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["AZ_BATCH_NODE_MOUNTS_DIR"] = Path.Combine(_root, "mounts");
        start.Environment["AZ_BATCH_TASK_WORKING_DIR"] = Path.Combine(_root, "task");
        if (hosts is not null)
        {
            start.Environment["AZ_BATCH_HOST_LIST"] = hosts;
        }

        foreach (var setting in environment ?? [])
        {
            start.Environment[(string)setting!["name"]!] = (string)setting["value"]!;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
