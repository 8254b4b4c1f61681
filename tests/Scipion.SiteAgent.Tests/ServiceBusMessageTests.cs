using Azure.Messaging.ServiceBus;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent.Tests;

public sealed class ServiceBusMessageTests
{
    [Fact]
    public void A_request_travels_in_its_projects_session_with_the_job_id_as_message_id_for_duplicate_detection()
    {
        var request = SiteRequests.Upper("r1--upper");

        var message = ServiceBusSiteMessages.Request(request, "p1");

        Assert.Equal("p1", message.SessionId);
        Assert.Equal("r1--upper", message.MessageId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(nameof(SiteJobRequest), message.Subject);
        Assert.Equal("r1--upper", message.ApplicationProperties["scipion-job"]);
        Assert.Equal("p1", message.ApplicationProperties["scipion-project"]);
        Assert.Equal(request.JobId, SiteMessages.Deserialize<SiteJobRequest>(message.Body.ToString()).JobId);
    }

    [Fact]
    public void A_request_sent_twice_carries_the_same_message_id_so_the_queue_keeps_one()
    {
        var request = SiteRequests.Upper("r1--upper");

        Assert.Equal(ServiceBusSiteMessages.Request(request, "p1").MessageId, ServiceBusSiteMessages.Request(request, "p1").MessageId);
    }

    [Fact]
    public void A_report_names_its_request_job_site_state_and_project()
    {
        var delivery = new TestDelivery { MessageId = "r1--upper", Body = "{}", DeliveryCount = 1, ProjectId = "p1" };
        var report = new SiteJobReport("r1--upper", "facility", JobState.Completed, 0, null, "", Final: true, [], ["p1/Runs/r1/out.txt"], DateTimeOffset.UnixEpoch);

        var message = ServiceBusSiteMessages.Report(report, delivery);

        Assert.Equal("r1--upper", message.CorrelationId);
        Assert.Null(message.SessionId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(nameof(SiteJobReport), message.Subject);
        Assert.Equal("facility", message.ApplicationProperties["scipion-site"]);
        Assert.Equal("Completed", message.ApplicationProperties["scipion-state"]);
        Assert.Equal(true, message.ApplicationProperties["scipion-final"]);
        Assert.Equal("p1", message.ApplicationProperties["scipion-project"]);
        Assert.Equal(["p1/Runs/r1/out.txt"], SiteMessages.Deserialize<SiteJobReport>(message.Body.ToString()).Uploaded);
    }

    [Fact]
    public void A_received_message_of_another_content_type_is_not_read_as_a_request()
    {
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("<job/>"), messageId: "m1", contentType: "application/xml");

        Assert.Throws<System.Text.Json.JsonException>(() => ServiceBusSiteMessages.BodyOf(message));
    }

    private sealed class TestDelivery : SiteDelivery;
}
