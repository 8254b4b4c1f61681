using Scipion.Testing;

namespace Scipion.Infra.Tests;

/// <summary>Paths and the compiled template, shared by the tests.</summary>
internal static class Infra
{
    public static string Root => RepositoryRoot.Path;

    public static string StorageNamesFile => Path.Combine(Root, "src", "Scipion.Core", "StorageNames.cs");

    /// <summary>
    /// The folders of the projects deployed as the Function app: functions/ and everything it references,
    /// transitively. Local-only projects (the local host, its durable sidecar) read settings Azure never sees.
    /// </summary>
    public static string[] SourceFolders => [.. DeployedProjects(Path.Combine(Root, "functions", "Scipion.Functions.csproj")).Select(Path.GetDirectoryName).OfType<string>()];

    private static IEnumerable<string> DeployedProjects(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var references = System.Xml.Linq.XDocument.Load(current).Descendants("ProjectReference")
                .Select(r => r.Attribute("Include")?.Value)
                .OfType<string>();
            foreach (var reference in references)
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Replace('\\', '/'))));
            }
        }

        return seen;
    }

    /// <summary>The compiled ARM template; fails the calling test (never skips it) when Bicep did not build.</summary>
    public static ArmTemplate CompiledTemplate()
    {
        var outcome = BicepBuild.Outcome;
        Assert.True(outcome.ExitCode == 0, $"scripts/validate-infra.sh failed:\n{outcome.Output}");
        return ArmTemplate.Load(BicepBuild.CompiledTemplatePath);
    }

    public static IReadOnlyList<SettingRequirement> SettingsTheCodeReads() => CodeSettings.ReadBy(SourceFolders);

    public static IReadOnlyDictionary<string, string> StorageNames() => CodeSettings.Constants(StorageNamesFile, "StorageNames");
}
