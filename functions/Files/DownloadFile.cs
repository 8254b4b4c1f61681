using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Files;
using Scipion.Functions.Http;

namespace Scipion.Functions.Files;

/// <summary>Redirects to a short-lived read URL: the bytes go from storage to the client, not through the function.</summary>
public sealed class DownloadFile(ApiEndpoint endpoint, FileService files)
{
    [Function(nameof(DownloadFile))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.File)] HttpRequest req, string projectId, string path) =>
        endpoint.RunAsync(req, async (caller, ct) =>
            new RedirectResult((await files.GetDownloadAsync(caller, projectId, path, ct)).Url.ToString(), permanent: false));
}
