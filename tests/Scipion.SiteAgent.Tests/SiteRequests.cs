using Azure.Messaging.ServiceBus;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent.Tests;

/// <summary>Job requests and their Service Bus messages as the platform sends them.</summary>
internal static class SiteRequests
{
    public static SiteJobRequest Upper(string jobId) => new()
    {
        JobId = jobId,
        Workspace = "p1/r1",
        JobFolder = "Runs/r1/Upper/job001",
        Commands = [new CommandStep("tr", ["a-z", "A-Z"])],
        OutputFolder = "Runs/r1",
        OutputContainerUrl = new Uri("https://account.blob.core.windows.net/projects?sv=sas"),
        OutputPrefix = "p1/",
    };

    /// <summary>What the agent receives for <paramref name="request"/>: the platform's message after the broker delivered it.</summary>
    public static ServiceBusReceivedMessage Received(SiteJobRequest request, string projectId, int deliveryCount = 1)
    {
        var sent = ServiceBusSiteMessages.Request(request, projectId);
        return ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body,
            messageId: sent.MessageId,
            sessionId: sent.SessionId,
            contentType: sent.ContentType,
            subject: sent.Subject,
            properties: sent.ApplicationProperties,
            deliveryCount: deliveryCount);
    }
}
