using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Scipion.Testing;

namespace Scipion.Api.Tests.Hostile;

/// <summary>
/// An uploaded particles STAR file for a first-map run. <see cref="Target"/> is an image name's file outside the project,
/// and <see cref="Twin"/> the same name with a file that does not exist there: the platform must answer both alike
/// (refusing each as outside the project), or it has opened server paths and tells which exist.
/// </summary>
public sealed record StarCase(string Why, string Content, string? Target = null, string? Twin = null)
{
    public override string ToString() =>
        $"STAR ({Why}){(Target is null ? string.Empty : $" image {Target} vs {Twin}")}: {(Content.Length > 300 ? Content[..300] + "…" : Content)}";
}

/// <summary>STAR contents with image names pointing outside the project and malformed loops, submitted through POST /runs.</summary>
public sealed partial class StarCases(HostileWorld world, string workRoot, Oracle oracle, Actor actor, Ledger ledger)
{
    public static TimeSpan RunLimit { get; } = TimeSpan.FromMinutes(3);

    public Gen<StarCase> All
    {
        get
        {
            var bob = world.Guarded(world.Bob).Id;
            var staged = $"{bob}/{world.BobRun}";
            (string Target, string Twin)[] escapes =
            [
                ("/etc/passwd", "/etc/passwd-missing"),
                ("/etc/hostname", "/etc/hostname-missing"),
                ("../../../../../../../../etc/hostname", "../../../../../../../../etc/hostname-missing"),
                ($"../../{staged}/{HostileWorld.StackPath}", $"../../{staged}/Particles/missing.mrcs"),
                ($"Particles/../../../{staged}/{HostileWorld.StackPath}", $"Particles/../../../{staged}/Particles/missing.mrcs"),
                ($"{workRoot}/{staged}/{HostileWorld.StackPath}", $"{workRoot}/{staged}/Particles/missing.mrcs"),
                ($"../{bob}/{HostileWorld.StackPath}", $"../{bob}/Particles/missing.mrcs"),
                ("..\\..\\..\\..\\..\\..\\etc\\hostname", "..\\..\\..\\..\\..\\..\\etc\\hostname-missing"),
                ("%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname-missing"),
            ];
            var escape = Gen.Select(Gen.OneOf(escapes), Gen.OneOf("1@", "000002@", string.Empty), Gen.Int[0, 3], (e, index, valid) =>
            {
                string Star(string target) => HostileWorld.ParticlesStar([.. Enumerable.Repeat($"1@{HostileWorld.StackPath}", valid), index + target]);
                return new StarCase("an image name outside the project", Star(e.Target), index + e.Target, index + e.Twin);
            });
            var malformed = Gen.OneOf(
                new StarCase("empty", string.Empty),
                new StarCase("a loop without columns", "data_particles\nloop_\n"),
                new StarCase("no optics block", "data_particles\nloop_\n_rlnImageName #1\n1@Particles/real.mrcs\n"),
                new StarCase("a short row", HostileWorld.ParticlesStar([]) + "1@Particles/real.mrcs\n"),
                new StarCase("a long row", HostileWorld.ParticlesStar(["1@Particles/real.mrcs 7 8 9"])),
                new StarCase("a column twice", HostileWorld.ParticlesStar(["1@Particles/real.mrcs"]).Replace("_rlnOpticsGroup #2", "_rlnImageName #2", StringComparison.Ordinal)),
                new StarCase("an empty image name", HostileWorld.ParticlesStar(["1@"])),
                new StarCase("only an '@'", HostileWorld.ParticlesStar(["@"])),
                new StarCase("index 0", HostileWorld.ParticlesStar(["0@Particles/real.mrcs"])),
                new StarCase("a negative index", HostileWorld.ParticlesStar(["-1@Particles/real.mrcs"])),
                new StarCase("a huge index", HostileWorld.ParticlesStar(["99999999999999999999@Particles/real.mrcs"])),
                new StarCase("many '@'", HostileWorld.ParticlesStar(["1@2@Particles/real.mrcs"])),
                new StarCase("an unterminated quote", HostileWorld.ParticlesStar(["\"1@Particles/real.mrcs"])),
                new StarCase("a missing stack", HostileWorld.ParticlesStar(["1@Particles/none.mrcs"])),
                new StarCase("unicode", HostileWorld.ParticlesStar(["1@Particles/日本語.mrcs"])),
                new StarCase("a NUL", HostileWorld.ParticlesStar(["1@Particles/real\0.mrcs"])),
                new StarCase("5,000 columns", "data_optics\nloop_\n_rlnOpticsGroup #1\n1\ndata_particles\nloop_\n" + string.Concat(Enumerable.Range(1, 5000).Select(i => $"_rlnImageName{i} #{i}\n")) + "1@Particles/real.mrcs\n"),
                new StarCase("a 300 KB line", HostileWorld.ParticlesStar(["1@Particles/" + new string('x', 300_000) + ".mrcs"])),
                new StarCase("comments only", "# nothing\n# at all\n"),
                new StarCase("a pixel size that is no number", HostileWorld.ParticlesStar(["1@Particles/real.mrcs"]).Replace("1.000000", "nan", StringComparison.Ordinal)),
                new StarCase("a pixel size beyond double", HostileWorld.ParticlesStar(["1@Particles/real.mrcs"]).Replace("1.000000", "1e400", StringComparison.Ordinal)),
                new StarCase("a thousand blocks", string.Concat(Enumerable.Repeat("data_\n", 1000))),
                new StarCase("the project's own stack (fails in planning)", HostileWorld.ParticlesStar(["1@Particles/real.mrcs"])));
            return Gen.Frequency((3, escape), (2, malformed));
        }
    }

    public async Task CheckAsync(StarCase star)
    {
        var outcome = await OutcomeAsync(star, star.Content);
        if (star.Target is null || star.Twin is null)
        {
            return;
        }

        var twin = await OutcomeAsync(star, star.Content.Replace(star.Target, star.Twin, StringComparison.Ordinal));
        // Messages name the image's file (after the '@'); with it and the STAR file's own name set aside, the two must read alike.
        static string FileOf(string image) => image[(image.IndexOf('@', StringComparison.Ordinal) + 1)..];
        string Normal(Outcome o, string target) =>
            Ids().Replace(o.Text.Replace(o.StarPath, "<star>", StringComparison.Ordinal).Replace(FileOf(target), "<image>", StringComparison.Ordinal), "<id>");
        if (Normal(outcome, star.Target) != Normal(twin, star.Twin))
        {
            throw new HostileFailure("a STAR image name outside the project is opened (existing and missing files answer differently)",
                $"\n    {star.Target}: {outcome.Text}\n    {star.Twin}: {twin.Text}\n  case: {star}");
        }

        if (!outcome.Text.Contains(outcome.StarPath, StringComparison.Ordinal))
        {
            throw new HostileFailure("a STAR image name outside the project is refused without naming the STAR file", $"{outcome.Text}\n  case: {star}");
        }
    }

    /// <summary>Uploads the STAR file, starts first-map on it, and returns how that ended: a refusal, or the failed run's error.</summary>
    private async Task<Outcome> OutcomeAsync(StarCase star, string content)
    {
        var project = world.Guarded(world.Alice).Id;
        var path = $"Particles/h-{Guid.NewGuid():N}.star";
        var grant = await world.Api.StartUploadAsync(world.Alice, project, path, Encoding.UTF8.GetByteCount(content));
        await Uploads.PutAsync(grant, Encoding.UTF8.GetBytes(content));
        world.Granted(project, path);
        var body = JsonSerializer.Serialize(new
        {
            tool = "first-map",
            inputs = new { particles = path },
            parameters = new { particleDiameter = 4000, pixelSize = 1.0 },
        });
        var c = new HostileCase("runs (start, STAR)", "POST", $"api/projects/{project}/runs", actor, body, "application/json", Expect.Any, star.Why, project);
        var answer = await oracle.SendCheckedAsync(c);
        if (answer.Status >= 400)
        {
            return new Outcome(path, $"{answer.Status} {JsonDocument.Parse(answer.Body).RootElement.GetProperty("detail").GetString()}");
        }

        var runId = JsonDocument.Parse(answer.Body).RootElement.GetProperty("runId").GetString()!;
        ledger.RunStarted(project, runId);
        var run = await Runs.WaitAsync(world.Api, world.Alice, project, runId, Runs.IsFinished, RunLimit, TimeSpan.FromSeconds(1));
        var status = run.GetProperty("status").GetString();
        if (status != "Failed")
        {
            throw new HostileFailure($"a first-map run on a hostile STAR file ended {status}", $"{run}\n  case: {star}");
        }

        var error = run.GetProperty("error");
        return new Outcome(path, $"run Failed: {error.GetProperty("detail").GetString()}");
    }

    [GeneratedRegex("r[0-9]{14}-[0-9a-f]{8}|[0-9a-f]{32}")]
    private static partial Regex Ids();

    private sealed record Outcome(string StarPath, string Text);
}
