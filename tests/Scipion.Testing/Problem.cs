using Xunit;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Scipion.Testing;

public static class Problem
{
    /// <summary>The response is an RFC 7807 problem with the given status and every required member.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        foreach (var member in new[] { "type", "title", "detail" })
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty(member).GetString()), $"problem.{member} is empty: {body}");
        }

        return problem;
    }
}
