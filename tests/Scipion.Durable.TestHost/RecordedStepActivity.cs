using Microsoft.DurableTask;

namespace Scipion.Durable.TestHost;

public sealed record RecordedStep(string Folder, string Name, bool BlockUntilReleased);

/// <summary>
/// Leaves one file per execution in the step's folder, so the executions can be counted after the host was killed,
/// and optionally waits for a "release" file there (the test kills the host while it waits).
/// </summary>
public sealed class RecordedStepActivity : TaskActivity<RecordedStep, string>
{
    public const string ReleaseFileName = "release";

    public static string ExecutionFilePattern(string step) => $"{step}.*.ran";

    public override async Task<string> RunAsync(TaskActivityContext context, RecordedStep step)
    {
        await File.WriteAllTextAsync(Path.Combine(step.Folder, $"{step.Name}.{Guid.NewGuid():N}.ran"), context.InstanceId);
        while (step.BlockUntilReleased && !File.Exists(Path.Combine(step.Folder, ReleaseFileName)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return step.Name;
    }
}
