using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace Scipion.Durable.Local;

/// <summary>
/// The Azure Storage provider's settings for the local host's options: one mapping, so that anything else that runs
/// the provider (the fan-out benchmark's baseline) runs it exactly as the local host does.
/// </summary>
public static class AzureStorageServiceSettings
{
    public static AzureStorageOrchestrationServiceSettings From(DurableTaskOptions options, ILoggerFactory loggerFactory) => new()
    {
        TaskHubName = options.HubName,
        StorageAccountClientProvider = new StorageAccountClientProvider(
            options.StorageConnectionString ?? throw new InvalidOperationException("The storage connection string 'AzureWebJobsStorage' is not configured.")),
        WorkerId = options.WorkerId,
        PartitionCount = options.PartitionCount,
        WorkItemQueueVisibilityTimeout = options.WorkItemVisibilityTimeout,
        ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
        LeaseInterval = options.LeaseInterval,
        LeaseRenewInterval = options.LeaseInterval / 3,
        LeaseAcquireInterval = options.LeaseInterval / 3,
        MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        LoggerFactory = loggerFactory,
    };
}
