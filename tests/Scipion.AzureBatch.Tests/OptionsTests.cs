using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scipion.Compute.AzureBatch;
using Scipion.Core.Compute;

namespace Scipion.AzureBatch.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void The_backend_is_registered_from_the_app_settings_the_bicep_sets()
    {
        var provider = Build(new()
        {
            ["Batch:AccountEndpoint"] = "https://account.region.batch.azure.com",
            ["Batch:GpuPoolId"] = "gpu",
            ["Batch:MpiPoolId"] = "mpi",
            ["Workflows:WorkRoot"] = "/mnt/work",
        });

        var backend = provider.GetRequiredService<IComputeBackend>();
        var options = provider.GetRequiredService<IOptions<BatchOptions>>().Value;

        Assert.Equal("azure-batch", backend.Name);
        Assert.Same(provider.GetRequiredService<AzureBatchBackend>(), backend);
        Assert.Equal("/mnt/work", options.WorkRoot);
        Assert.Equal("mpi", options.ResolvedDefaultPoolId);
    }

    [Fact]
    public void Missing_required_settings_fail_validation()
    {
        var provider = Build(new() { ["Batch:GpuPoolId"] = "gpu" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BatchOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("AccountEndpoint", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MpiPoolId", StringComparison.Ordinal));
    }

    [Fact]
    public void An_endpoint_without_tls_fails_validation()
    {
        var result = new BatchOptionsValidator().Validate(null, new BatchOptions { AccountEndpoint = "http://account.region.batch.azure.com", GpuPoolId = "gpu", MpiPoolId = "mpi" });

        Assert.True(result.Failed);
        Assert.Contains("https", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gpu_pool_declared_without_gpus_fails_validation()
    {
        var options = BatchHarness.DefaultOptions();
        options.Pools["gpu"].GpusPerNode = 0;

        var result = new BatchOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddAzureBatchBackend(configuration, new FixedTokenCredential());
        return services.BuildServiceProvider();
    }
}
