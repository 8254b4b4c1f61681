namespace Scipion.Science.Tests;

/// <summary>These tests run real RELION; without it they fail (never skip) and say how to install it.</summary>
internal static class Relion
{
    public static void Require()
    {
        string[] programs = ["relion_import", "relion_run_motioncorr", "relion_refine", "relion_postprocess", "relion_mask_create", "relion_project", "relion_preprocess"];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        var missing = programs.Where(p => !path.Any(folder => File.Exists(Path.Combine(folder, p)))).ToList();
        Assert.True(missing.Count == 0,
            $"RELION is not installed ({string.Join(", ", missing)} not on PATH). Run scripts/install-relion.sh (apt-get install -y relion python3-mrcfile).");
    }
}
