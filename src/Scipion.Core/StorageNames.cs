namespace Scipion.Core;

/// <summary>
/// Names shared by the code and the infrastructure (infra/ checks them against the Bicep),
/// so that a rename cannot silently split the two.
/// </summary>
public static class StorageNames
{
    /// <summary>Each project is one blob container, <c>p-{projectId}</c> (contract v2): the storage boundary is the project.</summary>
    public const string ProjectContainerPrefix = "p-";

    public const string BlobCreatedQueue = "blob-created";
    public const string ProjectsTable = "projects";
    public const string MembershipsTable = "memberships";
    public const string RunsTable = "runs";

    // Compute sites (src/Scipion.Compute.Site and the site agent): jobs and cancels go out, reports come back, and a
    // row per job keeps what the reports said.
    public const string SiteJobsQueue = "site-jobs";
    public const string SiteCancelsQueue = "site-cancels";
    public const string SiteReportsQueue = "site-reports";
    public const string SiteJobsTable = "sitejobs";

    /// <summary>The blob container that holds a project's folder.</summary>
    public static string ProjectContainer(string projectId) => ProjectContainerPrefix + projectId;

    /// <summary>The project a container holds, when it is a project container (<c>p-</c> and 32 lowercase hex digits).</summary>
    public static bool TryProjectOfContainer(string? container, out string projectId)
    {
        projectId = string.Empty;
        if (container is null || !container.StartsWith(ProjectContainerPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = container[ProjectContainerPrefix.Length..];
        if (!Projects.ProjectId.IsWellFormed(id))
        {
            return false;
        }

        projectId = id;
        return true;
    }
}
