using System.ComponentModel.DataAnnotations;

namespace Scipion.Storage;

/// <summary>
/// How long signed URLs for single files live. Short: a leaked URL is worth little, and a member removed from a
/// project stops within one grant (clients ask for a fresh upload grant per batch of blocks).
/// </summary>
public sealed class SignedUrlOptions
{
    public const string Section = "SignedUrls";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DownloadLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Signatures start a little in the past so a storage clock slightly behind ours still accepts them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromMinutes(5);
}
