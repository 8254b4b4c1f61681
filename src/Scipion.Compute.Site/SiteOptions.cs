using System.ComponentModel.DataAnnotations;
using Scipion.Core;

namespace Scipion.Compute.Site;

/// <summary>
/// A compute site that shares no storage with the platform (section <c>Site</c>): its jobs go to a queue its agent
/// pulls from, with SAS URLs for their files. Configuring the section registers the backend under <see cref="Name"/>.
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The backend's name in placements (<c>Compute:Steps:motion-correction = site</c>, <c>parameters.compute.backend</c>).
    /// Not [Required]: that would make it an app setting every deployment must have, and a site is optional.
    /// </summary>
    public string Name { get; set; } = "site";

    /// <summary>The queue the site's agent takes jobs from (its <c>SiteAgent:JobsQueue</c>).</summary>
    public string JobsQueue { get; set; } = StorageNames.SiteJobsQueue;

    /// <summary>The queue the site's agent takes cancels from (its <c>SiteAgent:CancelsQueue</c>).</summary>
    public string CancelsQueue { get; set; } = StorageNames.SiteCancelsQueue;

    /// <summary>The site's Slurm partitions runs and placements may name (empty: any; the site's Slurm refuses unknown ones).</summary>
    public List<string> Partitions { get; set; } = [];

    /// <summary>
    /// How long the SAS URLs in a job request stay valid: the request may wait in the queue and the job run for a
    /// while before its outputs go up, so this is hours, not the minutes of a user's download link.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromDays(1);
}
