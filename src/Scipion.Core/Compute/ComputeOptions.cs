namespace Scipion.Core.Compute;

/// <summary>
/// Which backend runs each step: <c>Compute:Default</c> for all, <c>Compute:Steps:&lt;step&gt;</c> for one
/// (e.g. <c>Compute:Steps:motion-correction = slurm/gpu</c>). A placement is a backend name
/// (local, slurm, azure-batch) with an optional queue after a slash.
/// </summary>
public sealed class ComputeOptions
{
    public const string Section = "Compute";

    public string Default { get; set; } = "local";

    /// <summary>Step name (as in a run's <c>steps</c>, without the batch number) → placement.</summary>
    public Dictionary<string, string> Steps { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
