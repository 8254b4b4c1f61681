using System.Text.Json.Nodes;
using Scipion.Compute.AzureBatch;

namespace Scipion.AzureBatch.Tests;

public sealed class PoolDefinitionTests
{
    private static readonly JsonNode[] PoolExamples =
    [
        SpecExample.Parameter("stable-2025-06-01.21.0/Pools_CreatePool_VirtualMachineConfiguration.json", "pool"),
        SpecExample.Parameter("typespec-2025-06-01/Pools_CreatePool_MountConfiguration.json", "pool"),
        SpecExample.Parameter("typespec-2025-06-01/Pools_CreatePool_VirtualMachineConfigurationWithContainers.json", "pool"),
        SpecExample.Parameter("typespec-2025-06-01/JobSchedules_CreateJobSchedule_Complex.json", "jobSchedule")["jobSpecification"]!["poolInfo"]!["autoPoolSpecification"]!["pool"]!,
        // The autoscale properties of a pool are named as in the enable-autoscale options.
        SpecExample.Parameter("stable-2025-06-01.21.0/Pools_EnablePoolAutoscale.json", "enableAutoScaleOptions"),
        // The start task's containerSettings is a BatchTaskContainerSettings, as on a task.
        new JsonObject { ["startTask"] = SpecExample.Parameter("typespec-2025-06-01/Tasks_CreateTask_ContainerSettings.json", "task").DeepClone() },
    ];

    [Fact]
    public void The_gpu_pool_mounts_the_scratch_share_over_nfs_and_scales_to_zero()
    {
        var pool = BatchPoolDefinitions.Gpu(BatchHarness.DefaultOptions());

        Assert.Equal("gpu", (string?)pool["id"]);
        Assert.Equal("Standard_NC24ads_A100_v4", (string?)pool["vmSize"]);
        Assert.False((bool)pool["enableInterNodeCommunication"]!);
        Assert.Equal(1, (int?)pool["taskSlotsPerNode"]);
        Assert.True((bool)pool["enableAutoScale"]!);
        Assert.Equal("PT5M", (string?)pool["autoScaleEvaluationInterval"]);
        string formula = (string)pool["autoScaleFormula"]!;
        Assert.Contains("$TargetDedicatedNodes = min(4, recent * 1);", formula, StringComparison.Ordinal);
        Assert.Contains("$PendingTasks", formula, StringComparison.Ordinal);
        Assert.Contains("$NodeDeallocationOption = taskcompletion;", formula, StringComparison.Ordinal);
        var nfs = pool["mountConfiguration"]![0]!["nfsMountConfiguration"]!;
        Assert.Equal("stprojects.file.core.windows.net:/stprojects/scratch", (string?)nfs["source"]);
        Assert.Equal("scratch", (string?)nfs["relativeMountPath"]);
        Assert.Equal("-o vers=4,minorversion=1,sec=sys,nconnect=4", (string?)nfs["mountOptions"]);
        Assert.Equal("microsoft-dsvm", (string?)pool["virtualMachineConfiguration"]!["imageReference"]!["publisher"]);
        Assert.Equal("batch.node.ubuntu 22.04", (string?)pool["virtualMachineConfiguration"]!["nodeAgentSKUId"]);
        Assert.Equal("simplified", (string?)pool["targetNodeCommunicationMode"]);
        var start = pool["startTask"]!;
        Assert.Contains("relion_refine", (string)start["commandLine"]!, StringComparison.Ordinal);
        Assert.True((bool)start["waitForSuccess"]!);
    }

    [Fact]
    public void The_mpi_pool_lets_nodes_talk_and_adds_nodes_per_pending_task()
    {
        var pool = BatchPoolDefinitions.Mpi(BatchHarness.DefaultOptions());

        Assert.Equal("mpi", (string?)pool["id"]);
        Assert.True((bool)pool["enableInterNodeCommunication"]!);
        Assert.Contains("$TargetDedicatedNodes = min(8, recent * 2);", (string)pool["autoScaleFormula"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blobfuse_mount_uses_the_nodes_managed_identity()
    {
        var options = BatchHarness.DefaultOptions();
        options.Mount.Kind = BatchMountKind.BlobFuse;
        options.Mount.IdentityResourceId = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/batch-nodes";

        var mount = BatchPoolDefinitions.Gpu(options)["mountConfiguration"]![0]!["azureBlobFileSystemConfiguration"]!;

        Assert.Equal("stprojects", (string?)mount["accountName"]);
        Assert.Equal("scratch", (string?)mount["containerName"]);
        Assert.Equal("scratch", (string?)mount["relativeMountPath"]);
        Assert.Equal(options.Mount.IdentityResourceId, (string?)mount["identityReference"]!["resourceId"]);
        Assert.Null(mount["accountKey"]);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Every_pool_body_has_only_properties_the_spec_examples_have(bool container, bool blobFuse)
    {
        var options = BatchHarness.DefaultOptions();
        options.SubnetId = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/batch";
        if (container)
        {
            options.ContainerImage = "myregistry.azurecr.io/relion:5.0";
        }

        if (blobFuse)
        {
            options.Mount.Kind = BatchMountKind.BlobFuse;
            options.Mount.IdentityResourceId = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/batch-nodes";
        }

        foreach (var pool in BatchPoolDefinitions.All(options))
        {
            var unknown = SpecExample.UnknownProperties(pool, PoolExamples,
                // BatchPoolCreateOptions in BatchService.json: displayName (string), networkConfiguration.subnetId (string);
                // AzureBlobFileSystemConfiguration.identityReference is a BatchNodeIdentityReference (resourceId).
                "displayName", "networkConfiguration.subnetId", "mountConfiguration[].azureBlobFileSystemConfiguration.identityReference.resourceId");
            Assert.Empty(unknown);
        }
    }

    [Fact]
    public async Task Ensuring_pools_creates_the_missing_one_and_leaves_the_existing_one()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(409, SpecExample.Text("derived/Error_PoolExists.json")).Respond(201);

        var created = await harness.Backend.EnsurePoolsAsync();

        Assert.Equal(["mpi"], created);
        Assert.Equal(["POST /pools", "POST /pools"], harness.Transport.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal(["gpu", "mpi"], harness.Transport.Requests.Select(r => (string)r.Json()["id"]!));
        Assert.All(harness.Transport.Requests, r => Assert.Equal("application/json; odata=minimalmetadata", r.Header("Content-Type")));
    }

    [Fact]
    public void A_pool_without_a_vm_size_cannot_be_defined()
    {
        var options = BatchHarness.DefaultOptions();
        options.Pools.Remove("mpi");

        var error = Assert.Throws<InvalidOperationException>(() => BatchPoolDefinitions.Mpi(options));

        Assert.Contains("Batch:Pools:mpi:VmSize", error.Message, StringComparison.Ordinal);
    }
}
