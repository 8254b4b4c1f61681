using Scipion.Core.Compute;

namespace Scipion.Core.Tools;

/// <summary>
/// The jobs of one run, in order (each waits for the one before), the files the run promises, and
/// named products that result readers and report renderers look up (e.g. <c>drift.png</c>).
/// </summary>
public sealed record ToolPlan(
    string Tool,
    ToolWorkspace Workspace,
    IReadOnlyList<ToolStep> Steps,
    IReadOnlyDictionary<string, string> Products)
{
    public IEnumerable<JobDescription> Jobs => Steps.Select(s => s.Job);

    public string Product(string name) =>
        Products.TryGetValue(name, out string? path) ? path : throw new KeyNotFoundException($"The {Tool} plan has no product '{name}'.");
}

/// <summary>A named step of a run (the <c>steps</c> of the run JSON) and the job that computes it.</summary>
public sealed record ToolStep(string Name, JobDescription Job);
