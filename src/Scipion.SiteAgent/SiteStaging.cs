using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent;

/// <summary>
/// Moves files between project storage and a site by SAS URL only: downloads that skip what is already there
/// (same length and MD5) and never leave a half-written file in place, and uploads of a finished job's folder.
/// </summary>
public static class SiteStaging
{
    /// <summary>Downloads the inputs not present yet; returns the paths it downloaded.</summary>
    public static async Task<IReadOnlyList<string>> StageInAsync(string workspace, IEnumerable<SiteFile> inputs, CancellationToken cancellationToken)
    {
        var downloaded = new List<string>();
        foreach (var input in inputs)
        {
            string local = Path.Combine(workspace, input.Path);
            if (IsPresent(local, input))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            string partial = local + ".part";
            var blob = new BlobClient(input.Url);
            var response = await blob.DownloadToAsync(partial, cancellationToken).ConfigureAwait(false);
            string? expected = input.ContentMd5 ?? (response.Headers.TryGetValue("Content-MD5", out string? stored) ? stored : null);
            if (expected is not null && Md5Of(partial) is var actual && actual != expected)
            {
                File.Delete(partial);
                throw new InvalidDataException($"{input.Path} arrived with MD5 {actual} instead of {expected}; it was not kept.");
            }

            File.Move(partial, local, overwrite: true);
            downloaded.Add(input.Path);
        }

        return downloaded;
    }

    /// <summary>Uploads every file under the output folder to the container SAS; returns the blob names written.</summary>
    public static async Task<IReadOnlyList<string>> StageOutAsync(string workspace, string outputFolder, Uri containerUrl, string prefix, CancellationToken cancellationToken)
    {
        string root = Path.Combine(workspace, outputFolder);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var container = new BlobContainerClient(containerUrl);
        var uploaded = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string name = prefix + Path.GetRelativePath(workspace, file).Replace('\\', '/');
            try
            {
                await container.GetBlobClient(name).UploadAsync(file, overwrite: true, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 403)
            {
                throw new UnauthorizedAccessException($"The output SAS does not allow writing {name} (expired, or without create/write): {e.ErrorCode}", e);
            }

            uploaded.Add(name);
        }

        return uploaded;
    }

    private static bool IsPresent(string local, SiteFile input)
    {
        var info = new FileInfo(local);
        if (!info.Exists || (input.Length is { } length && info.Length != length))
        {
            return false;
        }

        // Without a checksum, only a length the platform vouched for lets a file be reused.
        return input.ContentMd5 is not null ? Md5Of(local) == input.ContentMd5 : input.Length is not null;
    }

    private static string Md5Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToBase64String(MD5.HashData(stream));
    }
}
