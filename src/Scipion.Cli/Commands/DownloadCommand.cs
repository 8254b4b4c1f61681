using System.CommandLine;
using Scipion.Cli.Api;
using Scipion.Cli.Display;

namespace Scipion.Cli.Commands;

/// <summary>Downloads one file or every file under a prefix, keeping their project paths under --to.</summary>
public static class DownloadCommand
{
    public static Command Create(CliContext context)
    {
        var project = new Argument<string>("project") { Description = "The project's id" };
        var path = new Argument<string>("path") { Description = "A file's path in the project, or a prefix such as Runs/<runId>/" };
        var to = new Option<string>("--to") { Description = "Local folder (default: the current one); files keep their project paths under it", DefaultValueFactory = _ => "." };
        var parallel = new Option<int>("--parallel") { Description = "Files downloaded at once", DefaultValueFactory = _ => 4 };
        var command = new Command("download", "Download files from a project") { project, path, to, parallel };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            var clients = new ClientFactory(context);
            var api = clients.Api();
            using var storage = clients.Storage();
            var projectId = parse.GetValue(project)!;
            var wanted = parse.GetValue(path)!.TrimStart('/');
            var listed = await api.ListFilesAsync(projectId, wanted, cancel);
            var files = listed.Any(f => f.Path == wanted) ? listed.Where(f => f.Path == wanted).ToList() : listed;
            if (files.Count == 0)
            {
                context.Error.WriteLine($"error: nothing in project {projectId} at '{wanted}'");
                return CommandRunner.Failed;
            }

            var root = Path.GetFullPath(parse.GetValue(to)!);
            long total = 0;
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parse.GetValue(parallel)), CancellationToken = cancel }, async (file, token) =>
            {
                var target = Path.GetFullPath(Path.Combine(root, file.Path));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"refusing {file.Path}: it would land outside {root}");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var url = await api.GetDownloadUrlAsync(projectId, file.Path, token);
                var partial = target + ".part";
                await using (var output = File.Create(partial))
                {
                    using var response = await storage.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
                    response.EnsureSuccessStatusCode();
                    await response.Content.CopyToAsync(output, token);
                }

                File.Move(partial, target, overwrite: true);
                Interlocked.Add(ref total, file.Size);
                context.WriteLine($"downloaded {file.Path} ({Units.Bytes(file.Size)})");
            });
            context.WriteLine($"downloaded {files.Count} files, {Units.Bytes(total)}, to {root}");
            return 0;
        }, ct));
        return command;
    }
}
