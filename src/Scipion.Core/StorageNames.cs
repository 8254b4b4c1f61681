namespace Scipion.Core;

/// <summary>
/// Names shared by the code and the infrastructure (infra/ checks them against the Bicep),
/// so that a rename cannot silently split the two.
/// </summary>
public static class StorageNames
{
    public const string ProjectsContainer = "projects";
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
}
