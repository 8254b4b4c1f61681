using Microsoft.Extensions.FileProviders;
using Scipion.Functions.Web;

namespace Scipion.LocalHost;

/// <summary>
/// The web page at "/" (index.html and its modules), from the same files the Functions app serves at /api/ui/.
/// Static files only answer GET/HEAD for files that exist, and web/ has no api folder, so /api/* is untouched.
/// </summary>
public static class WebPageEndpoints
{
    public static WebApplication UseWebPage(this WebApplication app)
    {
        IFileProvider files = WebPageFiles.Provider;
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = WebPageFiles.ContentTypes,
            // A page edited during development is picked up on reload; the files are small.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapGet($"/{WebSignInSettings.FileName}", (IConfiguration configuration, IHostEnvironment environment) =>
            Results.Json(WebSignInSettings.From(configuration, environment), (System.Text.Json.JsonSerializerOptions?)null));
        return app;
    }
}
