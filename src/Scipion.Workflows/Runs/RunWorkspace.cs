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
    private static readonly string[] ReferenceColumns = ["rlnImageName", "rlnMicrographMovieName", "rlnMicrographName"];

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

    private static string ArrivalOf(string directory, int batch) =>
        File.ReadAllText(ArrivalFile(directory, batch));

    private static string ArrivalFile(string directory, int batch) => Path.Combine(directory, ".batches", $"{batch}.txt");

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

            var local = Path.Combine(DirectoryOf(run), path);
            if (!File.Exists(local))
            {
                await folder.DownloadAsync(run.ProjectId, ProjectPath.ParseFile(path), local, cancellationToken);
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

        var manifestPath = Path.Combine(root, ".published");
        var published = File.Exists(manifestPath)
            ? (await File.ReadAllLinesAsync(manifestPath, cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : [];
        var paths = new List<string>();
        foreach (var file in Directory.EnumerateFiles(outputs, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var path = Path.GetRelativePath(root, file).Replace('\\', '/');
            var info = new FileInfo(file);
            var stamp = $"{path}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}";
            if (!published.Contains(stamp))
            {
                await folder.UploadAsync(run.ProjectId, ProjectPath.ParseFile(path), file, cancellationToken);
                await File.AppendAllLinesAsync(manifestPath, [stamp], cancellationToken);
            }

            paths.Add(path);
        }

        return paths;
    }

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

        var names = star.Blocks
            .SelectMany(b => b.Loops)
            .SelectMany(l => ReferenceColumns.Where(l.HasColumn).SelectMany(l.Column))
            .Select(n => n.Contains('@', StringComparison.Ordinal) ? n[(n.IndexOf('@', StringComparison.Ordinal) + 1)..] : n)
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
