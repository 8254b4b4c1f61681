using Scipion.Compute.AzureBatch;
using Scipion.Core.Compute;

namespace Scipion.AzureBatch.Tests;

/// <summary>Batch throttles with 429 or 503 and a Retry-After header; a 500 is reported, not retried.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_throttled_request_is_retried_after_the_delay_the_service_asked_for()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(429, """{"code":"TooManyRequests","message":{"lang":"en-US","value":"Too many requests."}}""", ("Retry-After", "7"))
            .Respond(201)
            .Respond(201);

        var status = await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());

        Assert.Equal(JobState.Pending, status.State);
        Assert.Equal([TimeSpan.FromSeconds(7)], harness.Waits);
        Assert.Equal(["POST /jobs", "POST /jobs", "POST /jobs/r1--mpi/tasks"], harness.Transport.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal(harness.Transport.Requests[0].Body, harness.Transport.Requests[1].Body);
        Assert.Equal(harness.Transport.Requests[0].Header("client-request-id"), harness.Transport.Requests[1].Header("client-request-id"));
    }

    [Fact]
    public async Task An_unavailable_service_is_retried_too_and_without_retry_after_backs_off()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(503, null, ("Retry-After", "5"))
            .Respond(503)
            .Respond(200, SpecExample.ResponseBody("stable-2025-06-01.21.0/Tasks_GetTask.json", "200"));

        var status = await harness.Backend.GetStatusAsync(BatchHarness.MotionCorrection().Id);

        Assert.Equal(JobState.Pending, status.State);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)], harness.Waits);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_reported_with_the_service_code()
    {
        var harness = new BatchHarness(o => o.MaxRequestRetries = 2);
        for (int i = 0; i < 3; i++)
        {
            harness.Transport.Respond(429, """{"code":"TooManyRequests","message":{"lang":"en-US","value":"Too many requests."}}""", ("Retry-After", "1"));
        }

        var error = await Assert.ThrowsAsync<BatchRequestException>(() => harness.Backend.SubmitAsync(BatchHarness.MotionCorrection()));

        Assert.Equal(429, error.Status);
        Assert.Equal(2, harness.Waits.Count);
        Assert.Equal(3, harness.Transport.Requests.Count);
    }

    [Fact]
    public async Task A_server_error_is_surfaced_at_once_with_code_message_and_request_id()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(500, SpecExample.Text("derived/Error_InternalError.json"), ("request-id", "5f2d2b6c-0000-0000-0000-000000000000"));

        var error = await Assert.ThrowsAsync<BatchRequestException>(() => harness.Backend.SubmitAsync(BatchHarness.MotionCorrection()));

        Assert.Single(harness.Transport.Requests);
        Assert.Empty(harness.Waits);
        Assert.Equal(500, error.Status);
        Assert.Equal("InternalError", error.Code);
        Assert.Equal(
            "Azure Batch Jobs_CreateJob failed: 500 InternalServerError (InternalError): Server encountered an internal error. Please try again after some time. [request-id 5f2d2b6c-0000-0000-0000-000000000000]",
            error.Message);
    }

    [Fact]
    public async Task A_bad_request_names_the_values_the_service_objected_to()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(400, SpecExample.Text("derived/Error_InvalidQueryParameterValue.json"));

        var error = await Assert.ThrowsAsync<BatchRequestException>(() => harness.Backend.GetStatusAsync(BatchHarness.MotionCorrection().Id));

        Assert.Equal("InvalidQueryParameterValue", error.Code);
        Assert.Contains("QueryParameterName=state", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reason=invalid state", error.Message, StringComparison.Ordinal);
    }
}
