using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Files;
using Scipion.Functions.Http;

namespace Scipion.Functions.Files;

public sealed class CreateTransferUrl(ApiEndpoint endpoint, FileService files)
{
    [Function(nameof(CreateTransferUrl))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.TransferUrl)] HttpRequest req, string projectId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var body = await JsonBody.ReadAsync<TransferUrlRequest>(req, ct);
            var url = await files.GetTransferUrlAsync(caller, projectId, body.Permissions, body.ExpiresInMinutes, ct);
            return new ObjectResult(new TransferUrlResponse(url.Url, url.ExpiresAt)) { StatusCode = StatusCodes.Status201Created };
        });
}
