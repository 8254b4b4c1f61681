using System.CommandLine;
using Scipion.Cli.Api;
using Scipion.Cli.Ingest;
using Scipion.Cli.Transfer;

namespace Scipion.Cli.Commands;

public static class IngestCommand
{
    public const string JournalName = ".scipion-ingest.jsonl";

    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("folder") { Description = "The acquisition folder the microscope writes into" };
        var project = new Option<string>("--project", "-p") { Description = "The project's id", Required = true };
        var prefix = new Option<string>("--prefix") { Description = "Project folder for the movies; sub-paths are kept", DefaultValueFactory = _ => "Movies/" };
        var settle = new Option<double>("--settle") { Description = "Seconds a movie's size must hold still before it is taken", DefaultValueFactory = _ => 10 };
        var poll = new Option<double>("--poll") { Description = "Seconds between scans of the folder", DefaultValueFactory = _ => 1 };
        var parallel = new Option<int>("--parallel") { Description = "Movies uploaded at once", DefaultValueFactory = _ => 4 };
        var idle = new Option<double?>("--exit-when-idle") { Description = "Stop after this many seconds with nothing new and nothing pending (default: run until Ctrl+C)" };
        var journalPath = new Option<string?>("--journal") { Description = $"Journal file (default: {JournalName} in the acquisition folder)" };
        var command = new Command("ingest", "Watch an acquisition folder and upload each movie once it is completely written, exactly once")
        {
            folder, project, prefix, settle, poll, parallel, idle, journalPath,
        };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            var root = Path.GetFullPath(parse.GetValue(folder)!);
            if (!Directory.Exists(root))
            {
                context.Error.WriteLine($"error: no such folder: {root}");
                return CommandRunner.Failed;
            }

            var settings = new IngestSettings
            {
                Root = root,
                ProjectId = parse.GetValue(project)!,
                Prefix = UploadBatch.NormalizePrefix(parse.GetValue(prefix)),
                JournalPath = parse.GetValue(journalPath) ?? Path.Combine(root, JournalName),
                Settle = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(settle))),
                PollInterval = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(poll))),
                ExitWhenIdle = parse.GetValue(idle) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            };
            var transfer = new TransferSettings { ParallelFiles = Math.Max(1, parse.GetValue(parallel)), ParallelBlocks = Math.Max(2, 2 * parse.GetValue(parallel)) };
            return await RunAsync(context, settings, transfer, cancel);
        }, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IngestSettings settings, TransferSettings transfer, CancellationToken ct)
    {
        UploadJournal journal;
        try
        {
            journal = UploadJournal.Open(settings.JournalPath);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            context.Error.WriteLine($"error: cannot write the ingest journal {settings.JournalPath}: {e.Message}");
            context.Error.WriteLine("  The journal is how the agent knows what it already uploaded; give it write access to the folder, or pass --journal with a writable path.");
            return CommandRunner.Failed;
        }

        using (journal)
        {
            var clients = new ClientFactory(context);
            using var storage = clients.Storage();
            using var blockSlots = new SemaphoreSlim(transfer.ParallelBlocks);
            var uploader = new FileUploader(clients.Api(), new BlockBlobRequests(storage), journal, transfer, blockSlots);
            IIngestReporter reporter = context.Interactive ? new LiveIngestView() : new PlainIngestReporter(context.Console.Profile.Out.Writer);
            var agent = new IngestAgent(settings, uploader, journal, transfer, reporter);
            var running = agent.RunAsync(ct);
            if (reporter is LiveIngestView view)
            {
                await view.ShowAsync(context.Console, agent, running);
            }

            await running;
            var uploaded = agent.Files.Count(f => f.State == IngestState.Uploaded);
            var pending = agent.Files.Count(f => f.IsPending);
            context.WriteLine($"ingest stopped: {uploaded} uploaded now, {agent.Files.Count(f => f.State == IngestState.AlreadyUploaded)} uploaded earlier, {pending} pending");
            return 0;
        }
    }
}
