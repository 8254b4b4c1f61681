using Azure.Messaging.ServiceBus;
using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent;

/// <summary>
/// How site job requests and reports travel as Service Bus messages. Requests go to a session-enabled queue with
/// <see cref="ServiceBusMessage.SessionId"/> = the project id, so one agent at a time holds a project's jobs and
/// takes them in order, and <see cref="ServiceBusMessage.MessageId"/> = the job id, so the queue's duplicate
/// detection drops a request the platform sends twice (a retried orchestration step). Bodies are the same JSON as on
/// storage queues (<see cref="SiteMessages"/>), as UTF-8 rather than base64. The platform's sender should build
/// requests with <see cref="Request"/> so both sides agree.
/// </summary>
public static class ServiceBusSiteMessages
{
    public const string ContentType = "application/json";
    public const string JobProperty = "scipion-job";
    public const string ProjectProperty = "scipion-project";
    public const string SiteProperty = "scipion-site";
    public const string StateProperty = "scipion-state";
    public const string FinalProperty = "scipion-final";

    public static ServiceBusMessage Request(SiteJobRequest request, string projectId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        return new ServiceBusMessage(BinaryData.FromString(SiteMessages.Serialize(request)))
        {
            MessageId = request.JobId,
            SessionId = projectId,
            ContentType = ContentType,
            Subject = nameof(SiteJobRequest),
            ApplicationProperties = { [JobProperty] = request.JobId, [ProjectProperty] = projectId },
        };
    }

    /// <summary>
    /// A report about the request received as <paramref name="about"/>: correlated with it by message id, and with the
    /// job, site, state and project as properties so the platform can filter or route without reading the body.
    /// </summary>
    public static ServiceBusMessage Report(SiteJobReport report, SiteDelivery about)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(about);
        var message = new ServiceBusMessage(BinaryData.FromString(SiteMessages.Serialize(report)))
        {
            ContentType = ContentType,
            Subject = nameof(SiteJobReport),
            CorrelationId = about.MessageId,
            ApplicationProperties =
            {
                [JobProperty] = report.JobId,
                [SiteProperty] = report.Site,
                [StateProperty] = report.State.ToString(),
                [FinalProperty] = report.Final,
            },
        };
        if (about.ProjectId is { } project)
        {
            message.ApplicationProperties[ProjectProperty] = project;
        }

        return message;
    }

    /// <summary>The request's JSON; a message that says it is something else is refused as unreadable.</summary>
    public static string BodyOf(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ContentType is { Length: > 0 } type && !type.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new System.Text.Json.JsonException($"Message {message.MessageId} has content type '{type}', not {ContentType}.");
        }

        return message.Body.ToString();
    }
}
