using Microsoft.AspNetCore.Http.Features;
using Scipion.Functions.Http;

namespace Scipion.LocalHost;

/// <summary>
/// Refuses a request whose target has '.' or '..' segments before any route serves it: Kestrel collapses them, so
/// <c>DELETE /api/projects/{id}/members/%2e%2e</c> would otherwise reach the route that deletes the project.
/// </summary>
public static class DotSegmentRefusal
{
    public static WebApplication UseDotSegmentRefusal(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (DotSegments.Has(context.Features.Get<IHttpRequestFeature>()?.RawTarget))
            {
                var status = StatusCodes.Status400BadRequest;
                var problem = Problems.Create(status, "Invalid request", DotSegments.Problem,
                    new Dictionary<string, string[]> { ["path"] = [DotSegments.Problem] }).Value!;
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(problem, problem.GetType(), (System.Text.Json.JsonSerializerOptions?)null, Problems.ContentType);
                return;
            }

            await next(context);
        });
        return app;
    }
}
