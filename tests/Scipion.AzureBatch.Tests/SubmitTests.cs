using System.Text.Json.Nodes;
using Scipion.Compute.AzureBatch;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.AzureBatch.Tests;

public sealed class SubmitTests
{
    private static readonly JsonNode[] TaskExamples =
    [
        SpecExample.Parameter("typespec-2025-06-01/Tasks_CreateTask_ContainerSettings.json", "task"),
        SpecExample.Parameter("typespec-2025-06-01/Tasks_CreateTask_RequiredSlots.json", "task"),
        SpecExample.Parameter("typespec-2025-06-01/Tasks_CreateTaskCollection_Complex.json", "taskCollection")["value"]![0]!,
    ];

    [Fact]
    public void Tasks_move_their_own_files_to_and_from_project_storage()
    {
        Assert.Equal(JobFiles.InProjectStorage, new BatchHarness().Backend.Files);
    }

    [Fact]
    public async Task A_task_downloads_each_input_through_its_own_read_url_and_uploads_its_output_folder_to_the_projects_container()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);
        var job = BatchHarness.MotionCorrection() with { ProjectId = "p1", Inputs = ["Movies/m1.tif", "Runs/r1/Import/job001/movies.star"] };

        await harness.Backend.SubmitAsync(job);

        var task = harness.Transport.Requests[1].Json();
        var resources = task["resourceFiles"]!.AsArray();
        Assert.Equal(["stage/Movies/m1.tif", "stage/Runs/r1/Import/job001/movies.star"], resources.Select(r => (string)r!["filePath"]!));
        Assert.Equal($"{RecordingJobFileUrls.Account}/p-p1/Movies/m1.tif?sp=r&sig=x", (string?)resources[0]!["httpUrl"]);
        var output = Assert.Single(task["outputFiles"]!.AsArray())!;
        Assert.Equal("outputs/**/*", (string?)output["filePattern"]);
        Assert.Equal("Runs/r1/MotionCorr/job001", (string?)output["destination"]!["container"]!["path"]);
        Assert.Equal($"{RecordingJobFileUrls.Account}/p-p1?sp=cw&sig=x", (string?)output["destination"]!["container"]!["containerUrl"]);
        Assert.Equal("taskcompletion", (string?)output["uploadOptions"]!["uploadCondition"]);
        // The URLs outlive the task's wall time (2 h) by the margin for waiting for a node and uploading.
        Assert.All(harness.Files.Signed, s => Assert.Equal(("p1", TimeSpan.FromHours(14)), s));
    }

    [Fact]
    public async Task Submitting_creates_the_runs_job_on_the_chosen_pool_with_the_project_as_metadata()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);

        var status = await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());

        var add = harness.Transport.Requests[0];
        Assert.Equal("POST", add.Method);
        Assert.Equal("/jobs", add.Path);
        var job = add.Json();
        Assert.Equal("r1--mpi", (string?)job["id"]);
        Assert.Equal("mpi", (string?)job["poolInfo"]!["poolId"]);
        Assert.Equal(0, (int?)job["priority"]);
        Assert.Equal("noaction", (string?)job["onAllTasksComplete"]);
        var metadata = job["metadata"]!.AsArray().ToDictionary(m => (string)m!["name"]!, m => (string)m!["value"]!);
        Assert.Equal("p1", metadata["scipion-project"]);
        Assert.Equal("r1", metadata["scipion-run"]);
        Assert.Equal(JobState.Pending, status.State);
    }

    [Fact]
    public async Task The_job_body_has_only_properties_the_spec_examples_have()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());

        var unknown = SpecExample.UnknownProperties(
            harness.Transport.Requests[0].Json(),
            [
                SpecExample.Parameter("typespec-2025-06-01/Jobs_CreateJob_Basic.json", "job"),
                SpecExample.Parameter("typespec-2025-06-01/JobSchedules_CreateJobSchedule_Complex.json", "jobSchedule"),
            ],
            // BatchJobCreateOptions in BatchService.json: displayName (string), onAllTasksComplete (noaction | terminatejob).
            "displayName", "onAllTasksComplete");
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task A_plain_step_becomes_one_task_that_runs_its_commands_in_the_project_folder_on_the_mount()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());

        var add = harness.Transport.Requests[1];
        Assert.Equal("POST", add.Method);
        Assert.Equal("/jobs/r1--mpi/tasks", add.Path);
        var task = add.Json();
        Assert.Equal("r1--MotionCorr", (string?)task["id"]);
        string commandLine = (string)task["commandLine"]!;
        Assert.StartsWith("/bin/bash -c '", commandLine, StringComparison.Ordinal);
        Assert.Contains("cd \"$AZ_BATCH_NODE_MOUNTS_DIR\"/'\\''scratch/p1/r1'\\''", commandLine, StringComparison.Ordinal);
        Assert.Contains("mkdir -p '\\''Runs/r1/MotionCorr/job001'\\''", commandLine, StringComparison.Ordinal);
        Assert.Contains("'\\''relion_run_motioncorr'\\'' '\\''--i'\\''", commandLine, StringComparison.Ordinal);
        Assert.DoesNotContain("mpirun", commandLine, StringComparison.Ordinal);
        Assert.Equal("PT2H", (string?)task["constraints"]!["maxWallClockTime"]);
        Assert.Equal("P7D", (string?)task["constraints"]!["retentionTime"]);
        Assert.Equal(0, (int?)task["constraints"]!["maxTaskRetryCount"]);
        Assert.Equal("2", (string?)task["environmentSettings"]![0]!["value"]);
        Assert.Equal("pool", (string?)task["userIdentity"]!["autoUser"]!["scope"]);
        Assert.Null(task["multiInstanceSettings"]);
        Assert.Null(task["containerSettings"]);
    }

    [Fact]
    public async Task Every_task_body_has_only_properties_the_spec_examples_have()
    {
        var harness = new BatchHarness(o => o.ContainerImage = "myregistry.azurecr.io/relion:5.0");
        harness.Transport.Respond(201).Respond(201).Respond(201).Respond(201).Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());
        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection(new JobResources { Gpus = 1, Threads = 4 }) with { Id = JobId.For("r1", "Gpu") });
        await harness.Backend.SubmitAsync(BatchHarness.Refinement());

        foreach (var request in harness.Transport.Requests.Where(r => r.Path.EndsWith("/tasks", StringComparison.Ordinal)))
        {
            // BatchTaskCreateOptions in BatchService.json: displayName (string).
            Assert.Empty(SpecExample.UnknownProperties(request.Json(), TaskExamples,
                // BatchTaskCreateOptions in BatchService.json: displayName (string); ResourceFile.httpUrl (string);
                // OutputFile: filePattern, destination.container (OutputFileBlobContainerDestination: path, containerUrl),
                // uploadOptions.uploadCondition (tasksuccess | taskfailure | taskcompletion).
                "displayName", "resourceFiles[].httpUrl", "outputFiles[].filePattern", "outputFiles[].destination.container.path",
                "outputFiles[].destination.container.containerUrl", "outputFiles[].uploadOptions.uploadCondition"));
        }
    }

    [Fact]
    public async Task A_gpu_step_goes_to_the_gpu_pool_and_asks_relion_for_the_gpus()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);
        var job = BatchHarness.MotionCorrection(new JobResources { Gpus = 1, Threads = 4, WallTime = TimeSpan.FromMinutes(90) });

        await harness.Backend.SubmitAsync(job);

        Assert.Equal("gpu", (string?)harness.Transport.Requests[0].Json()["poolInfo"]!["poolId"]);
        var taskRequest = harness.Transport.Requests[1];
        Assert.Equal("/jobs/r1--gpu/tasks", taskRequest.Path);
        var task = taskRequest.Json();
        Assert.Contains("'\\''--gpu'\\'' '\\'''\\''", (string)task["commandLine"]!, StringComparison.Ordinal);
        Assert.Equal("PT1H30M", (string?)task["constraints"]!["maxWallClockTime"]);
    }

    [Fact]
    public async Task A_gpu_step_that_names_its_gpus_keeps_them()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);
        var job = BatchHarness.MotionCorrection(new JobResources { Gpus = 1 });
        job = job with { Commands = [new CommandStep("relion_refine", ["--gpu", "0"])] };

        await harness.Backend.SubmitAsync(job);

        string commandLine = (string)harness.Transport.Requests[1].Json()["commandLine"]!;
        // Once as a word of the command; the echoed copy of the command is one quoted word and does not count.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(commandLine, "'\\\\''--gpu'\\\\''"));
    }

    [Fact]
    public async Task A_gpu_step_on_a_pool_with_several_slots_takes_the_whole_node()
    {
        var harness = new BatchHarness(o => o.Pools["gpu"].TaskSlotsPerNode = 4);
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection(new JobResources { Gpus = 1 }));

        Assert.Equal(4, (int?)harness.Transport.Requests[1].Json()["requiredSlots"]);
    }

    [Fact]
    public async Task An_mpi_step_becomes_a_multi_instance_task_that_runs_the_mpi_program_under_mpirun_on_enough_nodes()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.Refinement(ranks: 5, threads: 60));

        Assert.Equal("mpi", (string?)harness.Transport.Requests[0].Json()["poolInfo"]!["poolId"]);
        var task = harness.Transport.Requests[1].Json();
        var multi = task["multiInstanceSettings"]!;
        Assert.Equal(3, (int?)multi["numberOfInstances"]);
        Assert.Contains("test -d", (string)multi["coordinationCommandLine"]!, StringComparison.Ordinal);
        string commandLine = (string)task["commandLine"]!;
        Assert.Contains("AZ_BATCH_HOST_LIST", commandLine, StringComparison.Ordinal);
        Assert.Contains("slots=2", commandLine, StringComparison.Ordinal);
        Assert.Contains("'\\''mpirun'\\'' '\\''-np'\\'' '\\''5'\\'' '\\''--hostfile'\\'' \"$AZ_BATCH_TASK_WORKING_DIR\"/'\\''hostfile'\\''", commandLine, StringComparison.Ordinal);
        Assert.Contains("'\\''relion_refine_mpi'\\''", commandLine, StringComparison.Ordinal);
        Assert.Null(task["requiredSlots"]);
        Assert.Equal("PT12H", (string?)task["constraints"]!["maxWallClockTime"]);
    }

    [Fact]
    public async Task An_mpi_step_that_fits_one_node_runs_mpirun_there_without_a_multi_instance_task()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.Refinement(ranks: 4, threads: 8));

        var task = harness.Transport.Requests[1].Json();
        Assert.Equal("/jobs/r1--mpi/tasks", harness.Transport.Requests[1].Path);
        Assert.Null(task["multiInstanceSettings"]);
        string commandLine = (string)task["commandLine"]!;
        Assert.Contains("'\\''mpirun'\\'' '\\''-np'\\'' '\\''4'\\'' '\\''-x'\\''", commandLine, StringComparison.Ordinal);
        Assert.DoesNotContain("hostfile", commandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gpu_step_with_several_ranks_keeps_them_on_one_gpu_node()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);
        var job = BatchHarness.Refinement(ranks: 3, threads: 4) with { Resources = new JobResources { Gpus = 1, MpiRanks = 3, Threads = 4 } };

        await harness.Backend.SubmitAsync(job);

        Assert.Equal("/jobs/r1--gpu/tasks", harness.Transport.Requests[1].Path);
        var task = harness.Transport.Requests[1].Json();
        Assert.Null(task["multiInstanceSettings"]);
        string commandLine = (string)task["commandLine"]!;
        Assert.Contains("'\\''relion_refine_mpi'\\''", commandLine, StringComparison.Ordinal);
        Assert.Contains("'\\''--gpu'\\'' '\\'''\\''", commandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gpu_step_whose_ranks_need_more_cores_than_one_node_has_is_refused()
    {
        var harness = new BatchHarness();
        var job = BatchHarness.Refinement() with { Resources = new JobResources { Gpus = 1, MpiRanks = 5, Threads = 8 } };

        var error = await Assert.ThrowsAsync<ScipionError>(() => harness.Backend.SubmitAsync(job));

        Assert.Contains("5 rank(s) × 8 threads on one node", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Transport.Requests);
    }

    [Fact]
    public async Task A_container_image_runs_each_task_in_that_image()
    {
        var harness = new BatchHarness(o => o.ContainerImage = "myregistry.azurecr.io/relion:5.0");
        harness.Transport.Respond(201).Respond(201).Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());
        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection(new JobResources { Gpus = 1 }) with { Id = JobId.For("r1", "Gpu") });

        var cpu = harness.Transport.Requests[1].Json()["containerSettings"]!;
        Assert.Equal("myregistry.azurecr.io/relion:5.0", (string?)cpu["imageName"]);
        Assert.Equal("--rm", (string?)cpu["containerRunOptions"]);
        Assert.Equal("--rm --gpus all", (string?)harness.Transport.Requests[3].Json()["containerSettings"]!["containerRunOptions"]);
    }

    [Fact]
    public async Task Submitting_again_finds_the_existing_job_and_task_and_starts_nothing()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(409, SpecExample.Text("derived/Error_JobExists.json"))
            .Respond(409, SpecExample.Text("derived/Error_TaskExists.json"))
            .Respond(200, SpecExample.ResponseBody("stable-2025-06-01.21.0/Tasks_GetTask.json", "200"));

        var status = await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());

        Assert.Equal(JobState.Pending, status.State);
        Assert.Equal(["POST /jobs", "POST /jobs/r1--mpi/tasks", "GET /jobs/r1--mpi/tasks/r1--MotionCorr"],
            harness.Transport.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Empty(harness.Waits);
    }

    [Fact]
    public async Task A_job_asking_for_more_gpus_than_a_node_has_is_refused_before_anything_is_sent()
    {
        var harness = new BatchHarness();

        var error = await Assert.ThrowsAsync<ScipionError>(() => harness.Backend.SubmitAsync(BatchHarness.MotionCorrection(new JobResources { Gpus = 8 })));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("8 GPUs", error.Message, StringComparison.Ordinal);
        Assert.Contains("Standard_NC24ads_A100_v4", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Transport.Requests);
    }

    [Fact]
    public async Task An_mpi_job_needing_more_nodes_than_the_pool_scales_to_is_refused()
    {
        var harness = new BatchHarness();

        var error = await Assert.ThrowsAsync<ScipionError>(() => harness.Backend.SubmitAsync(BatchHarness.Refinement(ranks: 40, threads: 60)));

        Assert.Contains("at most 8", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Transport.Requests);
    }

    [Fact]
    public async Task A_working_directory_outside_the_work_root_is_refused()
    {
        var harness = new BatchHarness();
        var job = BatchHarness.MotionCorrection() with { WorkingDirectory = "/elsewhere/p1/r1" };

        var error = await Assert.ThrowsAsync<ScipionError>(() => harness.Backend.SubmitAsync(job));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Empty(harness.Transport.Requests);
    }

    [Fact]
    public async Task A_task_works_in_its_runs_own_folder_on_the_scratch_share()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());

        Assert.Contains("\"$AZ_BATCH_NODE_MOUNTS_DIR\"/'\\''scratch/p1/r1'\\''", (string)harness.Transport.Requests[1].Json()["commandLine"]!, StringComparison.Ordinal);
    }
}
