using System.Diagnostics;
using Scipion.Testing;

namespace Scipion.Infra.Tests;

/// <summary>
/// Runs scripts/validate-infra.sh once per test run: it installs the Bicep CLI when missing, builds and
/// lints infra/main.bicep with warnings as failures, and leaves the compiled ARM template behind.
/// Tests share the one result because a build takes seconds and the machine is small.
/// </summary>
public static class BicepBuild
{
    private static readonly Lazy<Result> Once = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Result Outcome => Once.Value;

    public static string CompiledTemplatePath => Path.Combine(RepositoryRoot.Path, ".tools", "infra-build", "main.json");

    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs the script on another template into another folder (the shared build stays untouched).</summary>
    public static Result RunOn(string mainBicep, string buildDirectory) =>
        Run(new Dictionary<string, string> { ["INFRA_MAIN"] = mainBicep, ["INFRA_BUILD_DIR"] = buildDirectory });

    private static Result Run() => Run(new Dictionary<string, string>());

    private static Result Run(IReadOnlyDictionary<string, string> environment)
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "validate-infra.sh");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--no-tests");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        // Read both streams concurrently so neither pipe can fill up and stall the script.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, "validate-infra.sh did not finish within 5 minutes.");
        }

        return new Result(process.ExitCode, stdout.Result + stderr.Result);
    }
}
