using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scipion.Compute.AzureBatch;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Infra.Tests;

public sealed class BatchSettingsTests
{
    [Fact]
    public void The_batch_pools_the_bicep_deploys_match_what_the_app_settings_say_about_them()
    {
        var problems = BatchPoolConsistency.Problems(Infra.CompiledTemplate());

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_batch_settings_the_bicep_sets_bind_to_the_backends_options_and_pass_its_validation()
    {
        using var provider = BatchBackendFromBicepSettings();

        var options = provider.GetRequiredService<IOptions<BatchOptions>>().Value;

        Assert.Equal(["gpu", "mpi"], options.Pools.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, options.Pools["gpu"].GpusPerNode);
        Assert.Equal(120, options.Pools["mpi"].CoresPerNode);
        Assert.Equal(2, options.Pools["mpi"].AutoScaleNodesPerTask);
        Assert.Equal("gpu", options.ResolvedQueues["gpu"]);
        Assert.Equal("scratch", options.MountName);
    }

    [Fact]
    public async Task A_job_asking_for_more_gpus_than_a_deployed_gpu_node_has_is_refused_before_it_reaches_Batch()
    {
        using var provider = BatchBackendFromBicepSettings();
        var backend = provider.GetRequiredService<AzureBatchBackend>();
        var job = new JobDescription
        {
            Id = JobId.For("r1", "Refine3D"),
            WorkingDirectory = "/work/scipion/p1/r1",
            JobFolder = "Refine3D/job001",
            Commands = [new CommandStep("relion_refine", ["--gpu", "0,1,2,3,4,5,6,7"])],
            Resources = new JobResources { Gpus = 8 },
        };

        // Nothing is sent: the credential below throws if a request ever asks it for a token.
        var error = await Assert.ThrowsAsync<ScipionError>(() => backend.SubmitAsync(job));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("8 GPUs but a node of pool gpu (Standard_NC4as_T4_v3) has 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_names_the_setting_when_a_pool_is_deployed_with_another_vm_size()
    {
        var problems = BatchPoolConsistency.Problems(ChangedPool("gpu", pool => pool["properties"]!["vmSize"] = "Standard_NC24ads_A100_v4"));

        var problem = Assert.Single(problems);
        Assert.Contains("Batch__Pools__gpu__VmSize", problem, StringComparison.Ordinal);
        Assert.Contains("Standard_NC24ads_A100_v4", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_fails_when_a_pool_scales_otherwise_than_the_settings_say()
    {
        var problems = BatchPoolConsistency.Problems(ChangedPool("mpi", pool => pool["properties"]!["scaleSettings"]!["autoScale"]!["formula"] = "$TargetDedicatedNodes = 2;"));

        var problem = Assert.Single(problems);
        Assert.Contains("Pool mpi's autoscale formula", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_fails_when_the_mpi_pool_cannot_link_its_nodes()
    {
        var problems = BatchPoolConsistency.Problems(ChangedPool("mpi", pool => pool["properties"]!["interNodeCommunication"] = "Disabled"));

        var problem = Assert.Single(problems);
        Assert.Contains("interNodeCommunication", problem, StringComparison.Ordinal);
    }

    /// <summary>The backend registered from the Function app's Batch__* settings as the compiled Bicep resolves them.</summary>
    private static ServiceProvider BatchBackendFromBicepSettings()
    {
        var settings = Infra.CompiledTemplate().FunctionAppSettings()
            .Where(s => s.Name.StartsWith("Batch__", StringComparison.Ordinal))
            .ToDictionary(s => s.Name.Replace("__", ":", StringComparison.Ordinal), s => s.Value);
        // The account's endpoint exists only once Azure has created the account.
        Assert.Null(settings["Batch:AccountEndpoint"]);
        settings["Batch:AccountEndpoint"] = "https://account.region.batch.azure.com";
        settings["Workflows:WorkRoot"] = "/work/scipion";
        Assert.All(settings, s => Assert.True(s.Value is not null, $"{s.Key} does not resolve from the compiled template."));

        var services = new ServiceCollection();
        services.AddAzureBatchBackend(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new NoTokens());
        return services.BuildServiceProvider();
    }

    private static ArmTemplate ChangedPool(string poolId, Action<JsonObject> change)
    {
        Infra.CompiledTemplate();
        var json = JsonNode.Parse(File.ReadAllText(BicepBuild.CompiledTemplatePath))!;
        // Pools are named [format('{0}/{1}', parameters('name'), parameters('gpuPoolId'))] in the batch module.
        var pool = Descendants(json).OfType<JsonObject>().Single(o =>
            o["type"]?.GetValue<string>() == "Microsoft.Batch/batchAccounts/pools"
            && o["name"]?.GetValue<string>().Contains($"parameters('{poolId}PoolId')", StringComparison.Ordinal) == true);
        change(pool);
        return ArmTemplate.Parse(json.ToJsonString());
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(obj),
        JsonArray array => array.OfType<JsonNode>().SelectMany(Descendants).Prepend(array),
        _ => [node],
    };

    private sealed class NoTokens : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The test must not reach Azure Batch.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The test must not reach Azure Batch.");
    }
}
