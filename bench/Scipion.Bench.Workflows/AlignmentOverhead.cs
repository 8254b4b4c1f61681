using System.Diagnostics;
using System.Text.Json.Nodes;
using Scipion.Core.Tools;
using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Bench.Workflows;

/// <summary>
/// Movie alignment of the same movies: through the platform (POST run → Completed: staging, durable orchestration,
/// job polling, reports, upload of outputs) against the same RELION command lines run directly, alternating runs.
/// </summary>
public static class AlignmentOverhead
{
    public const string PollInterval = "00:00:00.500";
    private const int MovieCount = 4;

    public static async Task RunAsync(Azurite azurite, BenchOptions options)
    {
        var movies = Directory.CreateTempSubdirectory("bench-movies-").FullName;
        for (var i = 1; i <= MovieCount; i++)
        {
            new SyntheticMovie { Seed = i }.Write(Path.Combine(movies, "Movies", $"m{i}.mrcs"));
        }

        await using var host = await LocalHostInstance.StartAsync(azurite, "Development", $"--Workflows:PollInterval={PollInterval}", "--Logging:LogLevel:Default=Warning");
        var api = new ApiClient(host);
        var user = ApiClient.NewUser("bench");
        var projectId = (await api.CreateProjectAsync(user)).GetProperty("id").GetString()!;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(movies, "Movies")))
        {
            await Uploads.PutAsync(await api.StartUploadAsync(user, projectId, $"Movies/{Path.GetFileName(file)}"), await File.ReadAllBytesAsync(file));
        }

        var platform = new List<double>();
        var direct = new List<double>();
        for (var i = 0; i < options.Repeats; i++)
        {
            platform.Add(await ThroughPlatformAsync(api, user, projectId));
            direct.Add(await DirectAsync(movies, i));
        }

        Console.WriteLine($"movie alignment of {MovieCount} movies 256x256x16 ({options.Repeats} runs each, median; job poll interval {PollInterval}):");
        Console.WriteLine($"  through the platform (POST run → Completed): {Stats.Median(platform),7:0.00} s  (runs: {string.Join(", ", platform.Select(v => v.ToString("0.00")))})");
        Console.WriteLine($"  RELION run directly, same command lines:     {Stats.Median(direct),7:0.00} s  (runs: {string.Join(", ", direct.Select(v => v.ToString("0.00")))})");
        Console.WriteLine($"  ratio platform / direct:                     {Stats.Median(platform) / Stats.Median(direct),7:0.00}");
    }

    private static async Task<double> ThroughPlatformAsync(ApiClient api, string user, string projectId)
    {
        var clock = Stopwatch.StartNew();
        var runId = await Runs.StartAsync(api, user, projectId, Request());
        var run = await Runs.WaitAsync(api, user, projectId, runId, Runs.IsFinished, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(50));
        if (run.GetProperty("status").GetString() != "Completed")
        {
            throw new InvalidOperationException($"platform run failed: {run}");
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> DirectAsync(string movies, int repeat)
    {
        var tool = new MovieAlignmentTool();
        var request = tool.Validate(JsonNode.Parse("{\"movies\":\"Movies/*.mrcs\"}")!.AsObject(), Parameters());
        var plan = tool.Plan(request, new ToolWorkspace(movies, $"direct{repeat}"));
        var clock = Stopwatch.StartNew();
        foreach (var job in plan.Jobs)
        {
            Directory.CreateDirectory(job.JobFolderPath);
            foreach (var command in job.Commands)
            {
                var start = new ProcessStartInfo(command.Program) { WorkingDirectory = job.WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var argument in command.Arguments)
                {
                    start.ArgumentList.Add(argument);
                }

                using var process = Process.Start(start)!;
                var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
                await process.WaitForExitAsync();
                await drain;
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{command} exited {process.ExitCode}");
                }
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static object Request() => new
    {
        tool = "movie-alignment",
        inputs = new { movies = "Movies/*.mrcs" },
        parameters = new { pixelSize = 1.0, patches = new[] { 1, 1 } },
    };

    private static JsonObject Parameters() => JsonNode.Parse("{\"pixelSize\":1.0,\"patches\":[1,1]}")!.AsObject();
}
