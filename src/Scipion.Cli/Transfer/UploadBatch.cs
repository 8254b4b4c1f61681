using Scipion.Cli.Api;

namespace Scipion.Cli.Transfer;

/// <summary>A set of local files, each with its path in the project, uploaded a few files at a time.</summary>
public sealed class UploadBatch(ScipionClient api, HttpClient storage, UploadJournal journal, TransferSettings settings)
{
    public async Task<IReadOnlyList<UploadOutcome>> RunAsync(string projectId, IReadOnlyList<(string Local, string Remote)> files, IUploadObserver observer, CancellationToken ct)
    {
        using var blockSlots = new SemaphoreSlim(settings.ParallelBlocks);
        var uploader = new FileUploader(api, new BlockBlobRequests(storage), journal, settings, blockSlots);
        var outcomes = new UploadOutcome[files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.ParallelFiles, CancellationToken = ct },
            async (i, token) => outcomes[i] = await uploader.UploadAsync(projectId, files[i].Local, files[i].Remote, observer, token));
        return outcomes;
    }

    /// <summary>Every file under <paramref name="folder"/> (or the one file it names), with its project path under <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<(string Local, string Remote)> Plan(string folder, string prefix)
    {
        if (File.Exists(folder))
        {
            return [(Path.GetFullPath(folder), prefix + Path.GetFileName(folder))];
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No such file or folder: {folder}");
        }

        var root = Path.GetFullPath(folder);
        return [.. Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden })
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, prefix + Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')))];
    }

    /// <summary>"" or a folder path ending in one slash.</summary>
    public static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? string.Empty).Replace('\\', '/').Trim('/');
        return trimmed.Length == 0 ? string.Empty : trimmed + "/";
    }
}
