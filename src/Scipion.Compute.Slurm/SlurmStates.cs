using Scipion.Core.Compute;

namespace Scipion.Compute.Slurm;

/// <summary>Slurm's job states in the platform's terms, each with the reason a user needs to see.</summary>
internal static class SlurmStates
{
    /// <param name="info">What Slurm says.</param>
    /// <param name="scriptMessage">The batch script's own one-line reason for a failed command, when it left one.</param>
    public static (JobState State, int? ExitCode, string? Message) Map(SlurmJobInfo info, string? scriptMessage)
    {
        int? exitCode = info.Signal > 0 ? 128 + info.Signal : info.ExitCode;
        string requeued = info.Restarts > 0 ? $" Requeued {Times(info.Restarts)} after a node failure or preemption." : string.Empty;
        string waiting = info.Reason is "" or "None" ? string.Empty : $" ({info.Reason})";
        string job = $"Slurm job {info.SlurmJobId}";
        return info.State switch
        {
            "PENDING" or "CONFIGURING" => (JobState.Pending, null, $"{job} is waiting in the queue{waiting}.{requeued}"),
            "REQUEUED" or "REQUEUE_FED" => (JobState.Pending, null, $"{job} node failed; requeued.{requeued}"),
            "REQUEUE_HOLD" or "SPECIAL_EXIT" => (JobState.Pending, null, $"{job} was requeued and is held{waiting}; release it with scontrol release {info.SlurmJobId}.{requeued}"),
            "RUNNING" or "COMPLETING" or "STAGE_OUT" or "SIGNALING" or "RESIZING" => (JobState.Running, null, $"{job} is running.{requeued}"),
            "SUSPENDED" => (JobState.Running, null, $"{job} is suspended{waiting}."),
            "COMPLETED" => (JobState.Completed, 0, null),
            "FAILED" => (JobState.Failed, exitCode, scriptMessage ?? Killed(info) ?? $"{job} exited with code {info.ExitCode}."),
            "CANCELLED" => (JobState.Canceled, null, "Canceled."),
            "TIMEOUT" => (JobState.Failed, exitCode, $"Exceeded its wall time of {SlurmJobInfo.DescribeTimeLimit(info.TimeLimit)}."),
            "NODE_FAIL" => (JobState.Failed, exitCode, $"{job}: its node failed and the job was not requeued."),
            "BOOT_FAIL" => (JobState.Failed, exitCode, $"{job}: its node failed to boot."),
            "PREEMPTED" => (JobState.Failed, exitCode, $"{job} was preempted."),
            "OUT_OF_MEMORY" => (JobState.Failed, exitCode, $"{job} ran out of memory; ask for more."),
            "DEADLINE" => (JobState.Failed, exitCode, $"{job} missed its deadline."),
            "REVOKED" => (JobState.Canceled, null, $"{job} was revoked by its federation."),
            _ => (JobState.Failed, exitCode, $"{job} is in state {info.State}, which Scipion does not know."),
        };
    }

    private static string? Killed(SlurmJobInfo info) =>
        info.Signal > 0 ? $"Slurm job {info.SlurmJobId} was killed by signal {info.Signal}." : null;

    private static string Times(int count) => count == 1 ? "once" : $"{count} times";
}
