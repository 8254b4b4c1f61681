namespace Scipion.Compute.AzureBatch;

/// <summary>Where a job's working directory is on the Batch nodes, and which project it belongs to (for cost attribution and staging).</summary>
internal sealed record NodeWorkspace(string ProjectId, string Directory)
{
    /// <summary>
    /// Maps a local working directory <c>{WorkRoot}/{projectId}/{runId}</c> to the run's own folder on the scratch
    /// share, <c>$AZ_BATCH_NODE_MOUNTS_DIR/{MountName}/{projectId}/{runId}</c>, which the task's shell expands on the node.
    /// </summary>
    public static NodeWorkspace Map(string workingDirectory, BatchOptions options)
    {
        string root = Path.GetFullPath(options.WorkRoot);
        string full = Path.GetFullPath(workingDirectory);
        string relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw Scipion.Core.Errors.ScipionError.Invalid("workingDirectory",
                $"The working directory {workingDirectory} is not under Batch:WorkRoot ({root}), so it has no place on the Batch nodes' scratch share.");
        }

        string[] segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new NodeWorkspace(segments[0], $"$AZ_BATCH_NODE_MOUNTS_DIR/{options.MountName}/{string.Join('/', segments)}");
    }
}
