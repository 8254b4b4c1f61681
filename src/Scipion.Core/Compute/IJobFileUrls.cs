using Scipion.Core.Compute.Sites;

namespace Scipion.Core.Compute;

/// <summary>
/// Signed URLs for a job that moves its own files between project storage and where it runs (a compute site, Azure
/// Batch nodes): read, per input file, and create + write on the project's own container for its outputs. Nothing
/// else: no listing, no deleting, no other project.
/// </summary>
public interface IJobFileUrls
{
    /// <summary>A read URL for each path, with the length and MD5 storage holds; a missing file is not found.</summary>
    Task<IReadOnlyList<SiteFile>> InputsAsync(string projectId, IEnumerable<string> paths, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Create + write on the project's container: outputs' names are known only once the job has run.</summary>
    Task<Uri> OutputsAsync(string projectId, TimeSpan lifetime, CancellationToken cancellationToken);
}
