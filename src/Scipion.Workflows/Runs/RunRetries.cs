using Microsoft.DurableTask;

namespace Scipion.Workflows.Runs;

/// <summary>
/// How often the run's activities are tried: storage and batch systems have short outages, and every activity is
/// safe to repeat, so a blip costs a retry rather than the run. What still fails after this ends the run Failed.
/// </summary>
public static class RunRetries
{
    public const int Attempts = 5;

    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: Attempts, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));
}
