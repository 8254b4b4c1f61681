namespace Scipion.Core.Compute.Sites;

/// <summary>
/// One input a site downloads: its path in the job's working directory and a read SAS URL. Length and
/// ContentMd5 (base64, as Blob storage reports it) let the site skip a file it already has and check what it got.
/// </summary>
public sealed record SiteFile(string Path, Uri Url, long? Length = null, string? ContentMd5 = null);
