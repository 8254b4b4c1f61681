using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Files;
using Scipion.Functions.Http;

namespace Scipion.Functions.Files;

public sealed class StartUpload(ApiEndpoint endpoint, FileService files)
{
    [Function(nameof(StartUpload))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Uploads)] HttpRequest req, string projectId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var body = await JsonBody.ReadAsync<StartUploadRequest>(req, ct);
            var url = await files.StartUploadAsync(caller, projectId, body.Path, body.Size, ct);
            return new ObjectResult(UploadResponse.From(url)) { StatusCode = StatusCodes.Status201Created };
        });
}
