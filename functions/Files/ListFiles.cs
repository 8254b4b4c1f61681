using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Files;
using Scipion.Functions.Http;

namespace Scipion.Functions.Files;

/// <summary>A page of the project's files (at most 5,000) and, when there are more, the token that asks for the next page.</summary>
public sealed class ListFiles(ApiEndpoint endpoint, FileService files)
{
    [Function(nameof(ListFiles))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Files)] HttpRequest req, string projectId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var page = await files.ListPageAsync(caller, projectId, req.Query["prefix"], req.Query["continuationToken"], ct);
            return new OkObjectResult(new FileListResponse([.. page.Files.Select(FileResponse.From)], page.ContinuationToken));
        });
}
