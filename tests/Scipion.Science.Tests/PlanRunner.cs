using System.Diagnostics;
using Scipion.Compute.Local;
using Scipion.Core.Compute;
using Scipion.Core.Tools;

namespace Scipion.Science.Tests;

/// <summary>Runs a tool plan's jobs in order on the local backend, as the durable orchestration will.</summary>
internal static class PlanRunner
{
    public static async Task<TimeSpan> RunAsync(LocalProcessBackend backend, ToolPlan plan, ITestOutputHelper? output = null)
    {
        var clock = Stopwatch.StartNew();
        foreach (var step in plan.Steps)
        {
            var status = await RunJobAsync(backend, step.Job);
            output?.WriteLine($"{step.Name}: {status.State} in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        return clock.Elapsed;
    }

    public static async Task<JobStatus> RunJobAsync(LocalProcessBackend backend, JobDescription job)
    {
        await backend.SubmitAsync(job);
        var status = await backend.WaitAsync(job.Id);
        Assert.True(status.State == JobState.Completed,
            $"Job {job.Id} ended {status.State} (exit {status.ExitCode}): {status.Message}\n{status.LogTail}");
        return status;
    }

    public static LocalProcessBackend Backend(string root) =>
        new(new LocalBackendOptions { StateDirectory = Path.Combine(root, ".jobs") });
}
