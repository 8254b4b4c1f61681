using System.Globalization;
using Scipion.Core.Compute;
using Scipion.Core.Formats;

namespace Scipion.Synthetic;

/// <summary>
/// Particle images of a known map made by RELION itself: uniform projections (<c>relion_project</c>),
/// white noise added, then normalised (<c>relion_preprocess --norm</c>) as real particles would be.
/// The final STAR keeps only image names and optics, so nothing of the true angles leaks into a de novo run.
/// </summary>
public sealed record SyntheticParticles
{
    public int Count { get; init; } = 400;

    /// <summary>Standard deviation of the added noise, in the map's density units.</summary>
    public double NoiseSigma { get; init; } = 3.0;

    public required string MapPath { get; init; }

    public required double PixelSize { get; init; }

    public required int BoxSize { get; init; }

    public string Folder { get; init; } = "Particles";

    public string ParticlesStar => $"{Folder}/particles.star";

    public string Stack => $"{Folder}/particles.mrcs";

    /// <summary>The RELION jobs, in order; afterwards call <see cref="WriteParticlesStar"/>.</summary>
    public IReadOnlyList<JobDescription> Jobs(string workingDirectory, string runId)
    {
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

        // relion_project appends its own extension to --o without --ang, but not with it.
        string clean = $"{Folder}/clean.mrcs";
        JobDescription Job(string step, CommandStep command, params string[] outputs) => new()
        {
            Id = JobId.For(runId, step),
            WorkingDirectory = workingDirectory,
            JobFolder = $"{Folder}/{step}",
            Commands = [command],
            Outputs = outputs,
        };

        return
        [
            Job("project", new CommandStep("relion_project",
                ["--i", MapPath, "--o", clean, "--nr_uniform", Count.ToString(CultureInfo.InvariantCulture), "--angpix", F(PixelSize)]),
                $"{clean}.star"),
            Job("add-noise", new CommandStep("relion_project",
                ["--i", MapPath, "--o", $"{Folder}/noisy", "--ang", $"{clean}.star", "--angpix", F(PixelSize), "--add_noise", "--white_noise", F(NoiseSigma)]),
                $"{Folder}/noisy.mrcs", $"{Folder}/noisy.star"),
            Job("normalise", new CommandStep("relion_preprocess",
                ["--operate_on", $"{Folder}/noisy.mrcs", "--operate_out", Stack, "--norm", "--bg_radius", F(0.45 * BoxSize)]),
                Stack),
        ];
    }

    public void WriteParticlesStar(string workingDirectory)
    {
        var projected = StarFile.Read(Path.Combine(workingDirectory, Folder, "noisy.star"));
        var star = new StarFile();
        star.Blocks.Add(projected["optics"]);
        var particles = star.AddBlock("particles").AddLoop("rlnImageName", "rlnOpticsGroup");
        for (int i = 1; i <= Count; i++)
        {
            particles.AddRow($"{i:000000}@{Stack}", 1);
        }

        star.Write(Path.Combine(workingDirectory, ParticlesStar));
    }
}
