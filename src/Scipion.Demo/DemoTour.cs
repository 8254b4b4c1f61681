using System.Text.Json;
using Scipion.Core.Formats;
using Scipion.Synthetic;

namespace Scipion.Demo;

public sealed class DemoTour(Portal portal, TextWriter output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(20);

    public async Task RunAsync()
    {
        var projectId = await portal.CreateProjectAsync("Demo: synthetic apoferritin", "Movies with known drift and half maps with a known resolution");
        output.WriteLine($"demo: project {projectId}");
        var scratch = Directory.CreateTempSubdirectory("scipion-demo-").FullName;

        for (var i = 1; i <= 3; i++)
        {
            var file = Path.Combine(scratch, $"movie_{i:D3}.mrcs");
            var truth = new SyntheticMovie { Seed = i, DriftX = 0.4 * i, DriftY = -0.3 * i }.Write(file);
            truth.Write(Path.ChangeExtension(file, ".truth.txt"));
            await portal.UploadAsync(projectId, $"Movies/movie_{i:D3}.mrcs", file);
            await portal.UploadAsync(projectId, $"Truth/movie_{i:D3}.drift.txt", Path.ChangeExtension(file, ".truth.txt"));
            output.WriteLine($"demo: uploaded Movies/movie_{i:D3}.mrcs (256x256, 16 frames, known drift in Truth/)");
        }

        await FollowAsync(projectId, await portal.StartRunAsync(projectId, new
        {
            tool = "movie-alignment",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0, patches = new[] { 3, 3 } },
        }));

        var (half1, half2) = SyntheticHalfMaps.Create(SyntheticMap.Asymmetric(64, 2.0).Render(), resolution: 8.0, seed: 3);
        foreach (var (name, map) in new[] { ("half1.mrc", half1), ("half2.mrc", half2) })
        {
            MrcFile.Write(Path.Combine(scratch, name), map);
            await portal.UploadAsync(projectId, $"Maps/{name}", Path.Combine(scratch, name));
        }

        output.WriteLine("demo: uploaded Maps/half1.mrc and Maps/half2.mrc (64³ at 2 Å, built to 8 Å)");
        await FollowAsync(projectId, await portal.StartRunAsync(projectId, new
        {
            tool = "resolution-map",
            inputs = new { halfMap1 = "Maps/half1.mrc", halfMap2 = "Maps/half2.mrc" },
            parameters = new { bFactor = -100 },
        }));
        Directory.Delete(scratch, recursive: true);
    }

    private async Task FollowAsync(string projectId, string runId)
    {
        var deadline = DateTime.UtcNow + Limit;
        var shown = string.Empty;
        JsonElement run;
        while (true)
        {
            run = await portal.GetRunAsync(projectId, runId);
            var line = $"{run.GetProperty("tool").GetString()} {runId}: {run.GetProperty("status").GetString()} — " +
                string.Join(", ", run.GetProperty("steps").EnumerateArray().Select(s =>
                    $"{s.GetProperty("name").GetString()} {s.GetProperty("status").GetString()}" +
                    (s.GetProperty("progress").ValueKind == JsonValueKind.Number ? $" {s.GetProperty("progress").GetDouble():P0}" : string.Empty)));
            if (line != shown)
            {
                output.WriteLine($"demo: {line}");
                shown = line;
            }

            if (run.GetProperty("status").GetString() is "Completed" or "Failed" or "Canceled" || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(1000);
        }

        if (run.GetProperty("error").ValueKind == JsonValueKind.Object)
        {
            output.WriteLine($"demo: failed: {run.GetProperty("error").GetProperty("detail").GetString()}");
            return;
        }

        output.WriteLine($"demo: report in the project at Runs/{runId}/report.md; pictures: " +
            string.Join(", ", run.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()).Where(o => o!.EndsWith(".png", StringComparison.Ordinal))));
    }
}
