using System.Text.Json.Nodes;

namespace Scipion.Infra.Tests;

public sealed class SettingsConsistencyTests
{
    [Fact]
    public void Every_setting_the_code_reads_is_set_by_the_bicep()
    {
        var problems = SettingsConsistency.MissingAppSettings(Infra.SettingsTheCodeReads(), Infra.CompiledTemplate());

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_container_queue_and_table_in_StorageNames_is_created_by_the_bicep()
    {
        var names = Infra.StorageNames();
        Assert.NotEmpty(names);

        var problems = SettingsConsistency.MissingStorageNames(names, Infra.CompiledTemplate());

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("DurableTask__HubName")]
    [InlineData("ProjectStorage__queueServiceUri")]
    [InlineData("AzureWebJobsStorage__accountName")]
    [InlineData("AzureAd__ClientId")]
    public void The_check_fails_when_a_setting_is_removed(string setting)
    {
        Infra.CompiledTemplate();
        var json = JsonNode.Parse(File.ReadAllText(BicepBuild.CompiledTemplatePath))!;
        Assert.True(RemoveAppSetting(json, setting), $"{setting} was not in the compiled template to begin with.");
        var copy = Path.Combine(Path.GetTempPath(), $"scipion-infra-{Guid.NewGuid():N}.json");
        File.WriteAllText(copy, json.ToJsonString());
        try
        {
            var problems = SettingsConsistency.MissingAppSettings(Infra.SettingsTheCodeReads(), ArmTemplate.Load(copy));

            var problem = Assert.Single(problems);
            Assert.Contains(setting, problem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void The_check_fails_when_a_storage_name_is_missing_from_the_bicep()
    {
        var renamed = new Dictionary<string, string>(Infra.StorageNames()) { ["MembershipsTable"] = "member-ships" };

        var problems = SettingsConsistency.MissingStorageNames(renamed, Infra.CompiledTemplate());

        var problem = Assert.Single(problems);
        Assert.Contains("StorageNames.MembershipsTable", problem, StringComparison.Ordinal);
        Assert.Contains("member-ships", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_properties_of_an_options_class_become_settings_the_bicep_must_set()
    {
        const string source = """
            using System.ComponentModel.DataAnnotations;
            namespace Scipion.Batch;
            public sealed class BatchOptions
            {
                public const string Section = "Batch";
                [Required] public string AccountEndpoint { get; set; } = "";
                [Required, MinLength(1)] public string ScratchPoolId { get; set; } = "";
                public int MaxTasks { get; set; } = 4;
            }
            """;

        var found = CodeSettings.FromSource(source).Select(r => r.Name).ToList();
        var problems = SettingsConsistency.MissingAppSettings(CodeSettings.FromSource(source), Infra.CompiledTemplate());

        Assert.Equal(["Batch__AccountEndpoint", "Batch__ScratchPoolId"], found);
        var problem = Assert.Single(problems);
        Assert.Contains("Batch__ScratchPoolId", problem, StringComparison.Ordinal);
        Assert.Contains("BatchOptions", problem, StringComparison.Ordinal);
    }

    private static bool RemoveAppSetting(JsonNode node, string name)
    {
        if (node is JsonArray array)
        {
            return array.ToList().Any(child => child is not null && RemoveAppSetting(child, name));
        }

        if (node is not JsonObject obj)
        {
            return false;
        }

        var settings = obj["properties"]?["siteConfig"]?["appSettings"] as JsonArray;
        if (obj["type"]?.GetValue<string>() == "Microsoft.Web/sites" && settings is not null)
        {
            var match = settings.FirstOrDefault(s => s?["name"]?.GetValue<string>() == name);
            return match is not null && settings.Remove(match);
        }

        return obj.Select(p => p.Value).ToList().Any(child => child is not null && RemoveAppSetting(child, name));
    }
}
