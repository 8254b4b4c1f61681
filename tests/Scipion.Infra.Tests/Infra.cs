using Scipion.Testing;

namespace Scipion.Infra.Tests;

/// <summary>Paths and the compiled template, shared by the tests.</summary>
internal static class Infra
{
    public static string Root => RepositoryRoot.Path;

    public static string StorageNamesFile => Path.Combine(Root, "src", "Scipion.Core", "StorageNames.cs");

    public static string[] SourceFolders => [Path.Combine(Root, "src"), Path.Combine(Root, "functions")];

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
