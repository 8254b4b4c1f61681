namespace Scipion.Core.Compute.Sites;

/// <summary>
/// The platform asks a site to stop a job (the <c>site-cancels</c> queue). The site honours it whether the job runs
/// already (scancel) or still waits in <c>site-jobs</c> (it is then reported canceled without running).
/// </summary>
public sealed record SiteJobCancel(string JobId, DateTimeOffset At);
