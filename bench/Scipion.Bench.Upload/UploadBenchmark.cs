using System.Diagnostics;
using Azure.Storage.Blobs;
using Scipion.Cli;
using Scipion.Testing;
using Spectre.Console;

namespace Scipion.Bench.Upload;

/// <summary>
/// The CLI's upload (`scipion upload`: upload grants, parallel blocks with Content-MD5, journal, MD5 read-back) against
/// the Azure SDK's BlobClient.UploadAsync on the same upload grants and the same files, same number of files at once,
/// alternating round by round in one process against one Azurite, so both see the same machine.
/// </summary>
public static class UploadBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var azurite = await Azurite.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(azurite);
        var api = new ApiClient(host);
        var user = ApiClient.NewUser("bench");
        var projectId = (await api.CreateProjectAsync(user, "Upload benchmark")).GetProperty("id").GetString()!;
        var home = Directory.CreateTempSubdirectory("scipion-bench-home-").FullName;
        var context = Context(home);
        if (await CliApp.RunAsync(["login", "--host", host.BaseAddress.ToString(), "--user", user], context) != 0)
        {
            throw new InvalidOperationException("login failed");
        }

        var folder = Directory.CreateTempSubdirectory("scipion-bench-files-").FullName;
        var files = MakeFiles(folder, options);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"{options.Files} files x {options.SizeMiB} MiB ({bytes / (1 << 20)} MiB) to Azurite, {options.Parallel} files at a time, CLI blocks of {options.BlockMiB} MiB, {options.Rounds} rounds");

        TimeSpan baselineTotal = TimeSpan.Zero, oursTotal = TimeSpan.Zero;
        for (var round = 1; round <= options.Rounds; round++)
        {
            var baseline = await TimeAsync(() => BaselineAsync(api, user, projectId, files, $"Baseline{round}/", options.Parallel));
            var ours = await TimeAsync(() => OursAsync(home, folder, projectId, $"Ours{round}/", options));
            baselineTotal += baseline;
            oursTotal += ours;
            Console.WriteLine($"round {round}: baseline {Rate(bytes, baseline)}, scipion upload {Rate(bytes, ours)}");
        }

        var total = bytes * options.Rounds;
        Console.WriteLine($"baseline (BlobClient.UploadAsync): {Rate(total, baselineTotal)}");
        Console.WriteLine($"scipion upload:                    {Rate(total, oursTotal)}");
        Console.WriteLine($"ours/baseline: {baselineTotal.TotalSeconds / oursTotal.TotalSeconds:F2}");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task BaselineAsync(ApiClient api, string user, string projectId, IReadOnlyList<string> files, string prefix, int parallel) =>
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (file, ct) =>
        {
            var grant = await api.StartUploadAsync(user, projectId, prefix + Path.GetFileName(file), new FileInfo(file).Length);
            await new BlobClient(Uploads.Url(grant)).UploadAsync(file, ct);
        });

    private static async Task OursAsync(string home, string folder, string projectId, string prefix, BenchOptions options)
    {
        var exit = await CliApp.RunAsync(
            ["upload", folder, "--project", projectId, "--prefix", prefix, "--parallel", $"{options.Parallel}", "--block-size-kib", $"{options.BlockMiB * 1024}", "--journal", Path.Combine(home, $"{prefix.TrimEnd('/')}.jsonl")],
            Context(home));
        if (exit != 0)
        {
            throw new InvalidOperationException($"scipion upload exited {exit}");
        }
    }

    private static CliContext Context(string home) => new()
    {
        // Plain, discarded output: the benchmark measures transfers, not terminal rendering.
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Error = Console.Error,
        Environment = name => name == "SCIPION_HOME" ? home : null,
    };

    private static List<string> MakeFiles(string folder, BenchOptions options)
    {
        var random = new Random(42);
        var buffer = new byte[options.SizeMiB << 20];
        var files = new List<string>();
        for (var i = 0; i < options.Files; i++)
        {
            random.NextBytes(buffer);
            var path = Path.Combine(folder, $"movie_{i:D3}.mrcs");
            File.WriteAllBytes(path, buffer);
            files.Add(path);
        }

        return files;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }

    private static string Rate(long bytes, TimeSpan elapsed) => $"{bytes / 1e6 / elapsed.TotalSeconds:F1} MB/s";
}
