using System.Reflection;
using System.Text.Json.Nodes;
using Scipion.Core;
using Scipion.Functions.Http;
using Scipion.Testing;

namespace Scipion.Infra.Tests;

/// <summary>
/// What the Functions host in Azure will see of the app: the metadata the worker SDK generated at build time
/// (HTTP and queue triggers) and the host extensions it must load. The durable orchestration and activities are
/// indexed by the worker at run time; Scipion.Durable.Tests checks those.
/// </summary>
public sealed class FunctionMetadataTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly string Output = Path.Combine(RepositoryRoot.Path, "functions", "bin", Configuration, "net10.0");

    [Fact]
    public void Every_route_of_the_contract_is_an_http_trigger_in_the_generated_metadata()
    {
        var routes = Functions()
            .SelectMany(f => Bindings(f).Where(b => (string?)b["type"] == "httpTrigger"))
            .Select(b => (string?)b["route"])
            .ToHashSet(StringComparer.Ordinal);
        var contract = typeof(ApiRoutes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(ApiRoutes.Prefix))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(contract);
        Assert.All(contract, route => Assert.Contains(route, routes));
    }

    [Fact]
    public void Upload_events_arrive_through_a_queue_trigger_on_the_blob_created_queue_of_project_storage()
    {
        var trigger = QueueTriggerOf("OnBlobCreated");

        Assert.Equal(StorageNames.BlobCreatedQueue, (string?)trigger["queueName"]);
        Assert.Equal("ProjectStorage", (string?)trigger["connection"]);
    }

    [Fact]
    public void Compute_site_reports_arrive_through_a_queue_trigger_on_the_site_reports_queue_of_project_storage()
    {
        var trigger = QueueTriggerOf("OnSiteReport");

        Assert.Equal(StorageNames.SiteReportsQueue, (string?)trigger["queueName"]);
        Assert.Equal("ProjectStorage", (string?)trigger["connection"]);
    }

    [Fact]
    public void The_functions_that_start_and_steer_runs_bind_a_durable_client()
    {
        var withClient = Functions()
            .Where(f => Bindings(f).Any(b => (string?)b["type"] == "durableClient"))
            .Select(f => (string?)f["name"])
            .ToHashSet();

        Assert.Superset(new HashSet<string?> { "StartRun", "CancelRun", "OnBlobCreated" }, withClient);
    }

    [Fact]
    public void The_host_loads_the_durable_task_and_storage_queue_extensions()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "extensions.json")))!["extensions"]!.AsArray()
            .Select(e => (string?)e!["name"])
            .ToList();

        Assert.Contains("DurableTask", extensions);
        Assert.Contains("AzureStorageQueues", extensions);
    }

    [Fact]
    public void The_host_json_shipped_with_the_app_names_the_task_hub_from_app_settings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "host.json")))!;

        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("%DurableTask__HubName%", (string?)host["extensions"]!["durableTask"]!["hubName"]);
    }

    private static JsonNode QueueTriggerOf(string function) =>
        Bindings(Functions().Single(f => (string?)f["name"] == function)).Single(b => (string?)b["type"] == "queueTrigger");

    private static List<JsonNode> Functions()
    {
        var path = Path.Combine(Output, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build functions/ in {Configuration} first (scripts/test.sh does).");
        return [.. JsonNode.Parse(File.ReadAllText(path))!.AsArray().OfType<JsonNode>()];
    }

    private static IEnumerable<JsonNode> Bindings(JsonNode function) => function["bindings"]!.AsArray().OfType<JsonNode>();
}
