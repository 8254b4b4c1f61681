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

    /// <summary>
    /// How often a streaming run compares the project's movies with what it has taken, to take those whose upload
    /// event never came (it also does so when it starts taking movies). One pass lists the movie folder once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}
