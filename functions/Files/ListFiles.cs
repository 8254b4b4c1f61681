using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Files;
using Scipion.Functions.Http;

namespace Scipion.Functions.Files;

public sealed class ListFiles(ApiEndpoint endpoint, FileService files)
{
    [Function(nameof(ListFiles))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Files)] HttpRequest req, string projectId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
            new OkObjectResult((await files.ListAsync(caller, projectId, req.Query["prefix"], ct)).Select(FileResponse.From).ToList()));
}
