using Scipion.Core.Errors;

namespace Scipion.Core.Compute.Sites;

/// <summary>
/// A job for a compute site that shares no storage with the platform (the <c>site-jobs</c> queue): the job as
/// the site's backend runs it, the inputs to download with read SAS URLs, and where to upload what the job
/// writes: every file under <see cref="OutputFolder"/> goes to <see cref="OutputContainerUrl"/> (a container
/// SAS allowing create and write) as <see cref="OutputPrefix"/> + its path, so the platform's blob events fire
/// as for any upload. The site needs no credentials beyond these URLs and no inbound ports.
/// </summary>
public sealed record SiteJobRequest
{
    public required string JobId { get; init; }

    /// <summary>The job's folder under the site's work root, e.g. <c>{projectId}/{runId}</c>; RELION's relative paths resolve in it.</summary>
    public required string Workspace { get; init; }

    public required string JobFolder { get; init; }

    public required IReadOnlyList<CommandStep> Commands { get; init; }

    public JobResources Resources { get; init; } = new();

    public string? Queue { get; init; }

    /// <summary>Files the job must write (checked before it counts as completed).</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    public IReadOnlyList<SiteFile> Inputs { get; init; } = [];

    /// <summary>The folder, relative to the workspace, whose files are uploaded when the job ends (e.g. <c>Runs/{runId}</c>).</summary>
    public required string OutputFolder { get; init; }

    public required Uri OutputContainerUrl { get; init; }

    /// <summary>Prepended to each uploaded path; empty when the container is the project's own (<c>p-{projectId}</c>).</summary>
    public string OutputPrefix { get; init; } = string.Empty;

    public static SiteJobRequest For(JobDescription job, string workspace, IReadOnlyList<SiteFile> inputs, string outputFolder, Uri outputContainerUrl, string outputPrefix)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new SiteJobRequest
        {
            JobId = job.Id.Value,
            Workspace = workspace,
            JobFolder = job.JobFolder,
            Commands = job.Commands,
            Resources = job.Resources,
            Queue = job.Queue,
            Outputs = job.Outputs,
            Inputs = inputs,
            OutputFolder = outputFolder,
            OutputContainerUrl = outputContainerUrl,
            OutputPrefix = outputPrefix,
        };
    }

    /// <summary>The job as the site runs it, in <paramref name="workRoot"/>/<see cref="Workspace"/>; paths that leave it are refused.</summary>
    public JobDescription ToJob(string workRoot)
    {
        var errors = new Validation();
        foreach (var (field, path) in new[] { ("workspace", Workspace), ("jobFolder", JobFolder), ("outputFolder", OutputFolder) }
                     .Concat(Inputs.Select(i => ("inputs", i.Path)))
                     .Concat(Outputs.Select(o => ("outputs", o))))
        {
            errors.Require(IsRelativeInside(path), field, $"'{path}' must be a relative path without '..'.");
        }

        errors.ThrowIfAny();
        return new JobDescription
        {
            Id = Compute.JobId.Parse(JobId),
            WorkingDirectory = System.IO.Path.Combine(workRoot, Workspace),
            JobFolder = JobFolder,
            Commands = Commands,
            Resources = Resources,
            Queue = Queue,
            Outputs = Outputs,
            Inputs = [.. Inputs.Select(i => i.Path)],
        };
    }

    private static bool IsRelativeInside(string path) =>
        !string.IsNullOrWhiteSpace(path)
        && !System.IO.Path.IsPathRooted(path)
        && path.Split('/', '\\').All(part => part != "..");
}
