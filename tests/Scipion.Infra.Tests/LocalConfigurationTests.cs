using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scipion.Infra.Tests;

public sealed partial class LocalConfigurationTests
{
    [Fact]
    public void Every_setting_host_json_refers_to_is_set_by_the_bicep()
    {
        var hostJson = File.ReadAllText(Path.Combine(Infra.Root, "host.json"));
        var referenced = AppSettingReference().Matches(hostJson).Select(m => m.Groups["name"].Value).Distinct().ToList();
        var settings = Infra.CompiledTemplate().FunctionAppSettingNames();

        Assert.Contains("DurableTask__HubName", referenced);
        Assert.All(referenced, name => Assert.True(settings.Contains(name), $"host.json uses %{name}% but the Bicep does not set {name}."));
    }

    [Fact]
    public void Durable_Task_keeps_its_hub_in_the_host_storage_connection()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Infra.Root, "host.json")))!;
        var durable = host["extensions"]?["durableTask"];

        Assert.Equal("%DurableTask__HubName%", durable?["hubName"]?.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", durable?["storageProvider"]?["connectionName"]?.GetValue<string>());
        Assert.Equal("api", host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>());
    }

    [Fact]
    public void The_local_settings_example_provides_every_setting_the_code_reads()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(Infra.Root, "functions", "local.settings.json.example")))!;
        var values = example["Values"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        var missing = Infra.SettingsTheCodeReads()
            .Select(r => (r.Name, Missing: r.MissingFrom(values)))
            .Where(x => x.Missing.Count > 0)
            .Select(x => string.Join(", ", x.Missing))
            .ToList();

        Assert.True(missing.Count == 0, $"functions/local.settings.json.example lacks: {string.Join("; ", missing)}");
        Assert.Equal("dotnet-isolated", example["Values"]?["FUNCTIONS_WORKER_RUNTIME"]?.GetValue<string>());
        Assert.Equal("UseDevelopmentStorage=true", example["Values"]?["AzureWebJobsStorage"]?.GetValue<string>());
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_]+)%")]
    private static partial Regex AppSettingReference();
}
