using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Scipion.Functions.Http;

namespace Scipion.Functions.Web;

/// <summary>
/// Serves the web page in Azure, where the Functions host owns "/" and every function sits under the route
/// prefix: the page is at <c>/api/ui/</c>. Anonymous, because the page holds nothing secret; every API call it
/// makes carries the user's token.
/// </summary>
public sealed class ServeWebPage(IConfiguration configuration, IHostEnvironment environment)
{
    [Function(nameof(ServeWebPage))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.WebPage)] HttpRequest req, string path) =>
        Task.FromResult(Serve(req, path));

    private IActionResult Serve(HttpRequest req, string? path)
    {
        // Without the trailing slash the page's relative module and style URLs would resolve one level too high.
        if (string.IsNullOrEmpty(path) && !req.Path.Value!.EndsWith('/'))
        {
            return new RedirectResult($"{req.PathBase}{req.Path}/{req.QueryString}", permanent: false);
        }

        if (path == WebSignInSettings.FileName)
        {
            return new OkObjectResult(WebSignInSettings.From(configuration, environment));
        }

        if (WebPageFiles.Find(path) is not { } file)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Not Found", $"The web page has no file '{path}'.");
        }

        req.HttpContext.Response.Headers.CacheControl = "no-cache";
        return new FileStreamResult(file.CreateReadStream(), WebPageFiles.ContentType(file.Name));
    }
}
