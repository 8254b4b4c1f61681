using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Scipion.Core.Files;
using Scipion.Core.Formats;
using Scipion.Core.Projects;
using Scipion.Core.Runs;
using Scipion.Core.Tools;

namespace Scipion.Workflows.Runs;

/// <summary>
/// A run's local scratch folder, laid out like the project folder (so RELION's relative paths work), with
/// staging in from and out to project storage. Compute that shares no filesystem with storage works from this.
/// </summary>
public sealed class RunWorkspace(IProjectFolder folder, ToolCatalog tools, IOptions<WorkflowOptions> options)
{
    // The manifest of published files: a file whose path, length and write time are listed is in the project as it is here.
    private const string Manifest = ".published";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    /// <summary>Holds the run's folder for one writer at a time in this process (its report and publish manifest are shared files).</summary>
    public async Task<IDisposable> LockAsync(RunRef run)
    {
        var gate = Locks.GetOrAdd(DirectoryOf(run), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        return new Release(gate);
    }

    public string DirectoryOf(RunRef run) => Path.Combine(options.Value.WorkRoot, run.ProjectId, run.RunId);

    public ToolPlan Plan(Run run, int batch)
    {
        var tool = tools.Get(run.Tool);
        var request = tool.Validate(run.Inputs, run.Parameters);
        var directory = DirectoryOf(new RunRef(run.ProjectId, run.RunId));
        return tool.Plan(request, new ToolWorkspace(directory, run.RunId, batch, batch == 0 ? null : ArrivalOf(directory, batch)));
    }

    /// <summary>
    /// Records the one new file a streaming batch is for, before it is planned: every later look at the batch
    /// (each poll of its jobs, its reports) plans it again and must see the same file, whatever arrived since.
    /// </summary>
    public async Task RememberArrivalAsync(RunRef run, int batch, string path, CancellationToken cancellationToken)
    {
        var file = ArrivalFile(DirectoryOf(run), batch);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, path, cancellationToken);
    }

    /// <summary>
    /// The new files every streaming batch so far was planned for (<see cref="RememberArrivalAsync"/>): what a
    /// reconciliation pass need not report again. Empty when this host has no copy of the work folder.
    /// </summary>
    public IReadOnlySet<string> Arrivals(RunRef run)
    {
        var folder = Path.GetDirectoryName(ArrivalFile(DirectoryOf(run), 0))!;
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.txt").Select(File.ReadAllText).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    private static string ArrivalOf(string directory, int batch) =>
        File.ReadAllText(ArrivalFile(directory, batch));

    private static string ArrivalFile(string directory, int batch) => Path.Combine(directory, ".batches", $"{batch}.txt");

    /// <summary>
    /// Deletes the run's scratch folder once the run has ended: its inputs and outputs are in the project (or never will
    /// be), and staged copies must not outlive the run on the server's disk. A folder that cannot be deleted now (a
    /// process still closing its files) is left for the project's deletion; returns whether it is gone.
    /// </summary>
    public bool Remove(RunRef run)
    {
        var directory = DirectoryOf(run);
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Locks.TryRemove(directory, out _);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Downloads the files not staged yet, and the files that staged STAR tables point at.</summary>
    public async Task StageAsync(RunRef run, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var pending = new Queue<string>(paths);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            if (!seen.Add(path))
            {
                continue;
            }

            // Checked before the local path is even looked at: a path that leaves the project names a server file.
            var projectPath = ProjectPath.ParseFile(path);
            var local = Path.Combine(DirectoryOf(run), projectPath.Value);
            if (!File.Exists(local))
            {
                await folder.DownloadAsync(run.ProjectId, projectPath, local, cancellationToken);
            }

            if (path.EndsWith(".star", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var referenced in await ReferencedFilesAsync(run, local, cancellationToken))
                {
                    pending.Enqueue(referenced);
                }
            }
        }
    }

    /// <summary>Uploads what changed under Runs/{runId}/ since the last publish; returns every output's project path.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(RunRef run, CancellationToken cancellationToken)
    {
        var root = DirectoryOf(run);
        var outputs = Path.Combine(root, Run.RunFolder(run.RunId));
        if (!Directory.Exists(outputs))
        {
            return [];
        }

        var published = await PublishedAsync(root, cancellationToken);
        var paths = new List<string>();
        foreach (var file in Directory.EnumerateFiles(outputs, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var path = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (!published.Contains(Stamp(root, path)))
            {
                await folder.UploadAsync(run.ProjectId, ProjectPath.ParseFile(path), file, cancellationToken);
                await RecordPublishedAsync(root, path, cancellationToken);
            }

            paths.Add(path);
        }

        return paths;
    }

    /// <summary>
    /// The run's files as a job on a backend that reaches project storage itself should see them: whatever earlier
    /// steps left here is published first, then every file of the workspace outside <paramref name="exceptFolder"/>
    /// (the job's own output folder) is listed by its project path. All of them are then in the project.
    /// </summary>
    public async Task<IReadOnlyList<string>> ShareAsync(RunRef run, string exceptFolder, CancellationToken cancellationToken)
    {
        await PublishAsync(run, cancellationToken);
        var root = DirectoryOf(run);
        var except = exceptFolder.Trim('/') + "/";
        return
        [
            .. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(p => !p.StartsWith(except, StringComparison.Ordinal) && !IsBookkeeping(p))
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// Downloads the project's files under <paramref name="projectFolder"/> that the workspace lacks (what a backend
    /// that moves files itself uploaded), so reports and later steps read them here; they count as published, so
    /// <see cref="PublishAsync"/> does not upload them again. Returns how many it downloaded.
    /// </summary>
    public async Task<int> FetchAsync(RunRef run, string projectFolder, CancellationToken cancellationToken)
    {
        var root = DirectoryOf(run);
        var published = await PublishedAsync(root, cancellationToken);
        var fetched = 0;
        foreach (var file in await folder.ListAsync(run.ProjectId, ProjectPath.ParsePrefix(projectFolder.Trim('/') + "/"), cancellationToken))
        {
            var local = Path.Combine(root, file.Path);
            // A fetched copy carries its blob's time, so a blob written again later (a streaming run's batches share
            // job folders) is fetched again, and an unchanged one is not.
            var info = new FileInfo(local);
            if (info.Exists && info.Length == file.Size && info.LastWriteTimeUtc == file.LastModified.UtcDateTime && published.Contains(Stamp(root, file.Path)))
            {
                continue;
            }

            await folder.DownloadAsync(run.ProjectId, ProjectPath.ParseFile(file.Path), local, cancellationToken);
            File.SetLastWriteTimeUtc(local, file.LastModified.UtcDateTime);
            await RecordPublishedAsync(root, file.Path, cancellationToken);
            fetched++;
        }

        return fetched;
    }

    private static async Task<HashSet<string>> PublishedAsync(string root, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, Manifest);
        return File.Exists(path)
            ? (await File.ReadAllLinesAsync(path, cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    private static Task RecordPublishedAsync(string root, string path, CancellationToken cancellationToken) =>
        File.AppendAllLinesAsync(Path.Combine(root, Manifest), [Stamp(root, path)], cancellationToken);

    private static string Stamp(string root, string path)
    {
        var info = new FileInfo(Path.Combine(root, path));
        return $"{path}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}";
    }

    // The manifest and downloads in progress are this workspace's own, never a run's file.
    private static bool IsBookkeeping(string path) =>
        path == Manifest || path.EndsWith(".partial", StringComparison.Ordinal);

    private async Task<IEnumerable<string>> ReferencedFilesAsync(RunRef run, string localStar, CancellationToken cancellationToken)
    {
        StarFile star;
        try
        {
            star = StarFile.Read(localStar);
        }
        catch (StarFormatException)
        {
            return []; // The tool's own validation reports a broken STAR file, with its line number.
        }

        // A name outside the project is never fetched; planning refuses it with the STAR file's line.
        var names = StarReferences.All(star)
            .Select(r => r.Path)
            .Distinct(StringComparer.Ordinal)
            .Where(n => ProjectPath.Problem(n, allowTrailingSlash: false) is null);
        var existing = new List<string>();
        foreach (var name in names)
        {
            if (await folder.FindAsync(run.ProjectId, ProjectPath.ParseFile(name), cancellationToken) is not null)
            {
                existing.Add(name);
            }
        }

        return existing;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
