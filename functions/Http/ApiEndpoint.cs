using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Scipion.Core.Errors;
using Scipion.Core.Identity;
using Scipion.Functions.Identity;

namespace Scipion.Functions.Http;

/// <summary>The frame around every authenticated function: who is calling, then the work, then problems for whatever went wrong.</summary>
public sealed class ApiEndpoint(CallerAuthenticator authenticator, ILogger<ApiEndpoint> logger)
{
    public async Task<IActionResult> RunAsync(HttpRequest request, Func<Caller, CancellationToken, Task<IActionResult>> handle)
    {
        try
        {
            RefuseDotSegments(request);
            var caller = await authenticator.AuthenticateAsync(request);
            return await handle(caller, request.HttpContext.RequestAborted);
        }
        catch (ScipionError error)
        {
            return Refuse(request, error);
        }
        catch (Exception e) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "Unexpected failure of {Method} {Path}", request.Method, request.Path);
            return Problems.Create(StatusCodes.Status500InternalServerError, "Internal error",
                "The request failed on our side; nothing was changed that the response did not report. Try again later.");
        }
    }

    /// <summary>For the few functions that need no caller (the development token route).</summary>
    public static async Task<IActionResult> RunAnonymousAsync(HttpRequest request, Func<CancellationToken, Task<IActionResult>> handle)
    {
        try
        {
            RefuseDotSegments(request);
            return await handle(request.HttpContext.RequestAborted);
        }
        catch (ScipionError error)
        {
            return Refuse(request, error);
        }
    }

    /// <summary>A path with dot segments was collapsed onto another route before it got here: it is not the caller's request.</summary>
    private static void RefuseDotSegments(HttpRequest request)
    {
        if (DotSegments.Has(request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget))
        {
            throw ScipionError.Invalid("path", DotSegments.Problem);
        }
    }

    private static ObjectResult Refuse(HttpRequest request, ScipionError error)
    {
        if (error.Kind == ErrorKind.Unauthenticated)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Problems.From(error);
    }
}
