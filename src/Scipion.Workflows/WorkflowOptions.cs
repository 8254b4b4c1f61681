using System.ComponentModel.DataAnnotations;

namespace Scipion.Workflows;

/// <summary>Where runs stage their files and how often a running job is looked at.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>Local scratch: each run stages its inputs into {WorkRoot}/{projectId}/{runId} and computes there.</summary>
    [MinLength(1)]
    public string WorkRoot { get; set; } = Path.Combine(Path.GetTempPath(), "scipion-work");

    [Range(typeof(TimeSpan), "00:00:00.200", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many new movies of a streaming run are aligned side by side; the rest wait their turn in order.</summary>
    [Range(1, 256)]
    public int ParallelStreamingBatches { get; set; } = 4;
}
