using System.Text.Json.Nodes;

namespace Scipion.Infra.Tests;

public sealed class BicepTemplateTests
{
    [Fact]
    public void Bicep_builds_and_lints_with_no_warnings()
    {
        var outcome = BicepBuild.Outcome;

        Assert.True(outcome.ExitCode == 0, $"scripts/validate-infra.sh failed:\n{outcome.Output}");
        Assert.DoesNotContain("Warning", outcome.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(BicepBuild.CompiledTemplatePath));
    }

    [Fact]
    public void The_validation_fails_when_bicep_only_warns()
    {
        // Installed once by the shared build, so this test never races it for .tools/bicep.
        Assert.Equal(0, BicepBuild.Outcome.ExitCode);
        var folder = Directory.CreateTempSubdirectory("scipion-bicep-").FullName;
        try
        {
            // An API version Bicep has no types for compiles, with nothing but a BCP081 warning.
            var main = Path.Combine(folder, "main.bicep");
            File.WriteAllText(main, """
                param location string = resourceGroup().location
                resource batch 'Microsoft.Batch/batchAccounts@2099-01-01' = {
                  name: 'ba${uniqueString(resourceGroup().id)}'
                  location: location
                }
                """);

            var outcome = BicepBuild.RunOn(main, Path.Combine(folder, "build"));

            Assert.NotEqual(0, outcome.ExitCode);
            Assert.Contains("BCP081", outcome.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Blob_created_events_for_every_project_container_and_no_other_are_delivered_to_the_blob_created_queue()
    {
        var names = Infra.StorageNames();
        var subscription = Assert.Single(Infra.CompiledTemplate().OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var properties = subscription.Body["properties"]!;
        var destination = properties["deliveryWithResourceIdentity"]?["destination"] ?? properties["destination"];

        Assert.Equal("StorageQueue", destination?["endpointType"]?.GetValue<string>());
        Assert.Equal(names["BlobCreatedQueue"], subscription.Resolve(destination?["properties"]?["queueName"]));
        Assert.Equal(["Microsoft.Storage.BlobCreated"], Strings(properties["filter"]?["includedEventTypes"]));
        Assert.Equal(
            $"/blobServices/default/containers/{names["ProjectContainerPrefix"]}",
            subscription.Resolve(properties["filter"]?["subjectBeginsWith"]));
    }

    [Fact]
    public void Project_storage_declares_no_shared_container_and_no_NFS_or_hierarchical_namespace()
    {
        var template = Infra.CompiledTemplate();

        // Projects make and delete their own containers (p-{projectId}); a shared one would undo the isolation.
        Assert.DoesNotContain(template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c.LeafName == "projects");
        // Blob accounts only (the Batch scratch share's FileStorage account speaks NFS and holds no project data).
        Assert.All(template.OfType("Microsoft.Storage/storageAccounts").Where(a => a.Body["kind"]?.GetValue<string>() != "FileStorage").Select(a => a.Body["properties"]!), properties =>
        {
            // A hierarchical namespace would list folders as blobs of their own; nothing mounts project data over NFS.
            Assert.False(properties["isNfsV3Enabled"]?.GetValue<bool>() ?? false);
            Assert.False(properties["isHnsEnabled"]?.GetValue<bool>() ?? false);
            Assert.True(properties["supportsHttpsTrafficOnly"]?.GetValue<bool>() ?? true);
        });
    }

    [Fact]
    public void Both_batch_pools_autoscale_and_mount_the_scratch_share_over_NFS_and_the_MPI_pool_links_its_nodes()
    {
        var pools = Infra.CompiledTemplate().OfType("Microsoft.Batch/batchAccounts/pools").ToList();

        Assert.Equal(["gpu", "mpi"], pools.Select(p => p.LeafName).Order());
        foreach (var pool in pools)
        {
            var properties = pool.Body["properties"]!;
            Assert.NotNull(properties["scaleSettings"]?["autoScale"]?["formula"]);
            Assert.Null(properties["scaleSettings"]?["fixedScale"]);
            Assert.NotNull(properties["mountConfiguration"]?[0]?["nfsMountConfiguration"]?["source"]);
            Assert.NotNull(properties["networkConfiguration"]?["subnetId"]);
        }

        var mpi = pools.Single(p => p.LeafName == "mpi");
        Assert.Equal("Enabled", mpi.Body["properties"]?["interNodeCommunication"]?.GetValue<string>());

        // The scratch share is Azure Files NFS, reachable from the Batch subnet only; project data is never mounted.
        var share = Assert.Single(Infra.CompiledTemplate().OfType("Microsoft.Storage/storageAccounts/fileServices/shares"));
        Assert.Equal("NFS", share.Body["properties"]?["enabledProtocols"]?.GetValue<string>());
        var scratch = Assert.Single(Infra.CompiledTemplate().OfType("Microsoft.Storage/storageAccounts"), a => a.Body["kind"]?.GetValue<string>() == "FileStorage");
        Assert.Equal("Deny", scratch.Body["properties"]?["networkAcls"]?["defaultAction"]?.GetValue<string>());
        Assert.Single(scratch.Body["properties"]?["networkAcls"]?["virtualNetworkRules"]?.AsArray() ?? []);
    }

    [Fact]
    public void No_app_setting_carries_a_key_and_no_account_accepts_shared_keys()
    {
        var template = Infra.CompiledTemplate();

        // Development signing keys are refused outside Development; none may reach Azure.
        Assert.DoesNotContain(template.FunctionAppSettingNames(), name => name.StartsWith("DevelopmentIdentity", StringComparison.Ordinal));
        Assert.Contains(template.FunctionAppSettings(), s => s is { Name: "AZURE_FUNCTIONS_ENVIRONMENT", Value: "Production" });

        foreach (var (name, value) in template.FunctionAppSettings())
        {
            Assert.DoesNotContain("listKeys", value ?? RawValue(template, name), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey=", value ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", value ?? "", StringComparison.OrdinalIgnoreCase);
        }

        var accounts = template.OfType("Microsoft.Storage/storageAccounts").ToList();
        Assert.Equal(3, accounts.Count);
        Assert.All(accounts, a => Assert.False(a.Body["properties"]?["allowSharedKeyAccess"]?.GetValue<bool>() ?? true));
        var serviceBus = Assert.Single(template.OfType("Microsoft.ServiceBus/namespaces"));
        Assert.True(serviceBus.Body["properties"]?["disableLocalAuth"]?.GetValue<bool>());
        var batch = Assert.Single(template.OfType("Microsoft.Batch/batchAccounts"));
        Assert.Equal(["AAD"], Strings(batch.Body["properties"]?["allowedAuthenticationModes"]));
    }

    private static string RawValue(ArmTemplate template, string name) =>
        template.OfType("Microsoft.Web/sites")
            .SelectMany(site => site.Body["properties"]?["siteConfig"]?["appSettings"] as JsonArray ?? [])
            .Where(s => s?["name"]?.GetValue<string>() == name)
            .Select(s => s?["value"]?.ToJsonString() ?? "")
            .FirstOrDefault() ?? "";

    private static string[] Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToArray() ?? [];
}
