namespace Scipion.Compute.AzureBatch;

/// <summary>Where a job's working directory is on the Batch nodes, and which project it belongs to (for cost attribution).</summary>
internal sealed record NodeWorkspace(string ProjectId, string Directory)
{
    /// <summary>
    /// Maps a local working directory per <see cref="BatchOptions.Layout"/>. The result starts with
    /// <c>$AZ_BATCH_NODE_MOUNTS_DIR</c>, which the task's shell expands on the node.
    /// </summary>
    public static NodeWorkspace Map(string workingDirectory, BatchOptions options)
    {
        string root = Path.GetFullPath(options.WorkRoot);
        string full = Path.GetFullPath(workingDirectory);
        string relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw Scipion.Core.Errors.ScipionError.Invalid("workingDirectory",
                $"The working directory {workingDirectory} is not under Batch:WorkRoot ({root}), so it has no place on the Batch nodes' mount.");
        }

        string[] segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string projectId = segments[0];
        string onMount = options.Layout switch
        {
            BatchWorkspaceLayout.ProjectFolder => projectId,
            _ => string.Join('/', segments),
        };
        return new NodeWorkspace(projectId, $"$AZ_BATCH_NODE_MOUNTS_DIR/{options.MountName}/{onMount}");
    }
}
