namespace Scipion.Core.Compute;

public enum JobState
{
    Pending,
    Running,
    Completed,
    Failed,
    Canceled,
}

public static class JobStateExtensions
{
    public static bool IsFinished(this JobState state) => state is JobState.Completed or JobState.Failed or JobState.Canceled;
}
