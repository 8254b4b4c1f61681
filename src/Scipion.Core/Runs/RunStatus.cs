namespace Scipion.Core.Runs;

/// <summary>The contract's run and step statuses.</summary>
public enum RunStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Canceled,
}

public static class RunStatusExtensions
{
    public static bool IsFinished(this RunStatus status) => status is RunStatus.Completed or RunStatus.Failed or RunStatus.Canceled;
}
