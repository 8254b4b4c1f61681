using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Scipion.Cli.Api;
using Scipion.Cli.Display;
using Scipion.Cli.Transfer;
using Spectre.Console;

namespace Scipion.Cli.Commands;

public static class UploadCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("folder") { Description = "A folder (uploaded with its sub-folders) or one file" };
        var project = new Option<string>("--project", "-p") { Description = "The project's id", Required = true };
        var prefix = new Option<string>("--prefix") { Description = "Folder in the project to upload into, e.g. Movies/", DefaultValueFactory = _ => string.Empty };
        var parallel = new Option<int>("--parallel") { Description = "Files uploaded at once (blocks in flight: twice this)", DefaultValueFactory = _ => 4 };
        var blockKib = new Option<int>("--block-size-kib") { Description = "Block size in KiB", DefaultValueFactory = _ => 4096 };
        var journalPath = new Option<string?>("--journal") { Description = "Journal file (default: one per folder, project and prefix under ~/.scipion/uploads)" };
        var command = new Command("upload", "Upload files straight to storage in parallel blocks; an interrupted upload resumes where it stopped")
        {
            folder, project, prefix, parallel, blockKib, journalPath,
        };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(context, cancel => RunAsync(
            context,
            parse.GetValue(folder)!,
            parse.GetValue(project)!,
            UploadBatch.NormalizePrefix(parse.GetValue(prefix)),
            new TransferSettings
            {
                ParallelFiles = Math.Max(1, parse.GetValue(parallel)),
                ParallelBlocks = Math.Max(2, 2 * parse.GetValue(parallel)),
                BlockSize = Math.Clamp(parse.GetValue(blockKib), 64, 4000 * 1024) * 1024,
            },
            parse.GetValue(journalPath),
            cancel), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string folder, string projectId, string prefix, TransferSettings settings, string? journalPath, CancellationToken ct)
    {
        var clients = new ClientFactory(context);
        var api = clients.Api();
        using var storage = clients.Storage();
        var files = UploadBatch.Plan(folder, prefix);
        journalPath ??= DefaultJournal(context, api.BaseAddress, projectId, folder, prefix);
        using var journal = UploadJournal.Open(journalPath);
        var batch = new UploadBatch(api, storage, journal, settings);

        var clock = Stopwatch.StartNew();
        IReadOnlyList<UploadOutcome> outcomes;
        if (context.Interactive)
        {
            var total = files.Sum(f => new FileInfo(f.Local).Length);
            outcomes = await context.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var overall = progress.AddTask($"[bold]{files.Count} files[/]", maxValue: Math.Max(1, total));
                    return await batch.RunAsync(projectId, files, new ProgressUploadObserver(progress, overall), ct);
                });
        }
        else
        {
            outcomes = await batch.RunAsync(projectId, files, new PlainUploadObserver(context.Console.Profile.Out.Writer), ct);
        }

        var sent = outcomes.Sum(o => o.BytesSent);
        var skipped = outcomes.Count(o => o.AlreadyDone);
        context.WriteLine(
            $"uploaded {outcomes.Count - skipped} files, sent {Units.Bytes(sent)} in {clock.Elapsed.TotalSeconds:F1} s ({Units.Rate(sent, clock.Elapsed)}); " +
            $"{outcomes.Sum(o => o.BlocksResumed)} blocks resumed, {skipped} files already uploaded");
        return 0;
    }

    /// <summary>One journal per (host, project, folder, prefix): running the same command again finds it.</summary>
    private static string DefaultJournal(CliContext context, Uri host, string projectId, string folder, string prefix)
    {
        var key = $"{host}|{projectId}|{Path.GetFullPath(folder)}|{prefix}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(context.ConfigDirectory, "uploads", $"{hash}.jsonl");
    }
}
