using System.Globalization;

namespace Scipion.AzureBatch.Tests;

/// <summary>What every request carries, per the spec's common parameters (api-version, client-request-id, ocp-date) and its OAuth2 scope.</summary>
public sealed class RequestFormatTests
{
    [Fact]
    public async Task Every_request_names_the_spec_api_version_and_carries_the_common_headers()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());

        Assert.Equal(2, harness.Transport.Requests.Count);
        foreach (var request in harness.Transport.Requests)
        {
            Assert.Equal("https", request.Uri.Scheme);
            Assert.Equal("account.region.batch.azure.com", request.Uri.Host);
            Assert.Equal("2025-06-01.21.0", request.Query("api-version"));
            Assert.True(Guid.TryParse(request.Header("client-request-id"), out _), "client-request-id is a GUID, as the spec describes it.");
            Assert.True(DateTimeOffset.TryParseExact(request.Header("ocp-date"), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
                $"ocp-date is an RFC 7231 date, got '{request.Header("ocp-date")}'.");
            Assert.Equal($"Bearer {FixedTokenCredential.Token}", request.Header("Authorization"));
            Assert.Equal("application/json; odata=minimalmetadata", request.Header("Content-Type"));
        }
    }

    [Fact]
    public async Task The_token_is_asked_for_with_the_batch_scope_of_the_spec()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());

        Assert.Contains(harness.Credential.Scopes, scopes => scopes.SequenceEqual(["https://batch.core.windows.net//.default"]));
    }

    [Fact]
    public async Task The_spec_example_api_version_is_the_one_sent()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(200, SpecExample.ResponseBody("stable-2025-06-01.21.0/Tasks_GetTask.json", "200"));

        await harness.Backend.GetStatusAsync(BatchHarness.MotionCorrection().Id);

        string expected = SpecExample.Parameter("stable-2025-06-01.21.0/Tasks_GetTask.json", "api-version").GetValue<string>();
        Assert.Equal(expected, harness.Transport.Requests.Single().Query("api-version"));
    }
}
