using Microsoft.AspNetCore.Diagnostics;
using Scipion.Functions.Http;

namespace Scipion.LocalHost;

/// <summary>Problem details for what never reaches a function: unknown routes, wrong verbs, and crashes.</summary>
public static class ProblemResponses
{
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            context.RequestServices.GetRequiredService<ILogger<WebApplication>>().LogError(failure, "Unhandled failure");
            return WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error", "The request failed on our side.");
        }));
        app.UseStatusCodePages(async pages =>
        {
            var context = pages.HttpContext;
            var detail = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"There is nothing at '{context.Request.Path}'.",
                StatusCodes.Status405MethodNotAllowed => $"'{context.Request.Path}' does not accept {context.Request.Method}.",
                _ => "The request could not be served.",
            };
            await WriteAsync(context, context.Response.StatusCode, ReasonPhrase(context.Response.StatusCode), detail);
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = (Microsoft.AspNetCore.Mvc.ProblemDetails)Problems.Create(status, title, detail).Value!;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, Problems.ContentType);
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
