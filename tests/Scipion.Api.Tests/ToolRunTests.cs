using Scipion.Compute.Local;
using Scipion.Core.Compute;
using Scipion.Core.Formats;
using Scipion.Core.Results;
using Scipion.Synthetic;
using Scipion.Testing;
using Xunit.Abstractions;

namespace Scipion.Api.Tests;

/// <summary>
/// The map tools end to end: synthetic data uploaded like a user's, a run started over REST, results read back.
/// One definition, run once per compute backend (<see cref="ToolRunTestsOnLocal"/>, <see cref="ToolRunTestsOnSlurm"/>).
/// </summary>
public abstract class ToolRunTests(LocalHostFixture fixture, ITestOutputHelper output)
{
    // Only a guard against a hung run: relion_refine takes ~150 s on 2 idle cores, far longer on a loaded machine.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(60);
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task Resolution_map_of_half_maps_with_a_known_fall_off_reports_that_resolution()
    {
        const double pixelSize = 2.0, known = 8.0;
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var (half1, half2) = SyntheticHalfMaps.Create(SyntheticMap.Asymmetric(64, pixelSize).Render(), known, seed: 3);
        var local = Directory.CreateTempSubdirectory("halfmaps-").FullName;
        foreach (var (name, map) in new[] { ("half1.mrc", half1), ("half2.mrc", half2) })
        {
            MrcFile.Write(Path.Combine(local, name), map);
            await UploadFileAsync(alice, id, $"Maps/{name}", Path.Combine(local, name));
        }

        var runId = await Runs.StartAsync(_api, alice, id, new
        {
            tool = "resolution-map",
            inputs = new { halfMap1 = "Maps/half1.mrc", halfMap2 = "Maps/half2.mrc" },
            parameters = new { bFactor = -100 },
        });
        var run = await Runs.WaitAsync(_api, alice, id, runId, Runs.IsFinished, Limit);

        Assert.True(run.GetProperty("status").GetString() == "Completed", run.ToString());
        Assert.All(run.GetProperty("steps").EnumerateArray(), step => Assert.Equal(fixture.Backend, step.GetProperty("backend").GetString()));
        var folder = $"Runs/{runId}/";
        var outputs = Runs.Outputs(run);
        foreach (var expected in new[] { "LocalRes/job001/relion_locres.mrc", "histogram.png", "slices.png", "fsc.png", "report.md" })
        {
            Assert.Contains(folder + expected, outputs);
        }

        var downloaded = await Runs.DownloadAllAsync(_api, alice, id, outputs.Where(o => o.EndsWith(".mrc", StringComparison.Ordinal) || o.EndsWith(".star", StringComparison.Ordinal)));
        var locres = Directory.EnumerateFiles(downloaded, "relion_locres.mrc", SearchOption.AllDirectories).Single();
        var header = MrcFile.ReadHeader(locres);
        Assert.Equal((64, 64, 64), (header.Nx, header.Ny, header.Nz));
        Assert.Equal(pixelSize, header.PixelSize, 3);
        var postprocess = Directory.EnumerateFiles(downloaded, "postprocess.star", SearchOption.AllDirectories).Single();
        var global = FscCurve.Read(postprocess);
        output.WriteLine($"half maps built to FSC 0.143 at {known} Å; RELION through the platform on {fixture.Backend}: {global.FinalResolution:0.0} Å");
        Assert.InRange(global.FinalResolution, known * 0.8, known * 1.25);
    }

    [Fact]
    public async Task First_map_from_uploaded_particles_recovers_the_known_structure()
    {
        const double pixelSize = 3.0;
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        // Particles as a facility would have them: projections of a known map with noise, normalised, in a STAR file.
        var truth = SyntheticMap.Asymmetric(64, pixelSize);
        var bench = Directory.CreateTempSubdirectory("particles-").FullName;
        Directory.CreateDirectory(Path.Combine(bench, "Truth"));
        MrcFile.Write(Path.Combine(bench, "Truth/truth.mrc"), truth.Render());
        var particles = new SyntheticParticles { MapPath = "Truth/truth.mrc", PixelSize = pixelSize, BoxSize = 64, Count = 400, NoiseSigma = 3.0 };
        using (var backend = new LocalProcessBackend(new LocalBackendOptions { StateDirectory = Path.Combine(bench, ".jobs") }))
        {
            foreach (var job in particles.Jobs(bench, "particles"))
            {
                await backend.SubmitAsync(job);
                var status = await backend.WaitAsync(job.Id);
                Assert.True(status.State == JobState.Completed, $"making particles: {status.Message}\n{status.LogTail}");
            }
        }

        particles.WriteParticlesStar(bench);
        await UploadFileAsync(alice, id, particles.ParticlesStar, Path.Combine(bench, particles.ParticlesStar));
        await UploadFileAsync(alice, id, particles.Stack, Path.Combine(bench, particles.Stack));

        var runId = await Runs.StartAsync(_api, alice, id, new
        {
            tool = "first-map",
            inputs = new { particles = particles.ParticlesStar },
            parameters = new { particleDiameter = 150, iterations = 100 },
        });
        var run = await Runs.WaitAsync(_api, alice, id, runId, Runs.IsFinished, Limit);

        Assert.True(run.GetProperty("status").GetString() == "Completed", run.ToString());
        Assert.All(run.GetProperty("steps").EnumerateArray(), step => Assert.Equal(fixture.Backend, step.GetProperty("backend").GetString()));
        var outputs = Runs.Outputs(run);
        Assert.Contains($"Runs/{runId}/slices.png", outputs);
        var finalMap = outputs.Where(o => o.StartsWith($"Runs/{runId}/InitialModel/job001/", StringComparison.Ordinal) && o.EndsWith("_class001.mrc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Last();
        var downloaded = await Runs.DownloadAllAsync(_api, alice, id, [finalMap]);
        var map = MrcFile.Read(Path.Combine(downloaded, finalMap));
        var header = MrcFile.ReadHeader(Path.Combine(downloaded, finalMap));
        Assert.Equal((64, 64, 64), (header.Nx, header.Ny, header.Nz));
        Assert.Equal(pixelSize, header.PixelSize, 3);

        // De novo maps come in any orientation and either hand: superpose on the truth (both hands), then FSC.
        var alignment = MapAlignment.Align(map, truth);
        var fsc = FourierShellCorrelation.Between(map, truth.Render(alignment.Transform));
        double at05 = fsc.ResolutionAt(0.5), at0143 = fsc.ResolutionAt(0.143);
        output.WriteLine($"first map vs truth through the platform on {fixture.Backend}: FSC 0.5 at {at05:0.0} Å, FSC 0.143 at {at0143:0.0} Å " +
            $"(Nyquist {2 * pixelSize:0.0} Å); hand {(alignment.Transform.IsMirrored ? "mirrored" : "same as truth")}");
        Assert.True(at05 < 30, $"FSC 0.5 at {at05:0.0} Å; a recovered map reaches better than 30 Å");
        Assert.True(at0143 < 25, $"FSC 0.143 at {at0143:0.0} Å; a recovered map reaches better than 25 Å");
    }

    private async Task UploadFileAsync(string user, string projectId, string path, string file) =>
        await Uploads.PutAsync(await _api.StartUploadAsync(user, projectId, path, new FileInfo(file).Length), await File.ReadAllBytesAsync(file));
}

[Collection(LocalHostCollection.Name)]
public sealed class ToolRunTestsOnLocal(LocalHostFixture fixture, ITestOutputHelper output) : ToolRunTests(fixture, output);

[Collection(SlurmHostCollection.Name)]
public sealed class ToolRunTestsOnSlurm(SlurmHostFixture fixture, ITestOutputHelper output) : ToolRunTests(fixture, output);
