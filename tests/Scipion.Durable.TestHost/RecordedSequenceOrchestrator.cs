using Microsoft.DurableTask;

namespace Scipion.Durable.TestHost;

/// <summary>Runs three recorded steps in order; the second blocks until the test releases it.</summary>
public sealed class RecordedSequenceOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string folder)
    {
        var first = await context.CallActivityAsync<string>(nameof(RecordedStepActivity), new RecordedStep(folder, "first", BlockUntilReleased: false));
        var second = await context.CallActivityAsync<string>(nameof(RecordedStepActivity), new RecordedStep(folder, "second", BlockUntilReleased: true));
        var third = await context.CallActivityAsync<string>(nameof(RecordedStepActivity), new RecordedStep(folder, "third", BlockUntilReleased: false));
        return string.Join(",", first, second, third);
    }
}
