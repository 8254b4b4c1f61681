using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Files;
using Scipion.Functions.Http;

namespace Scipion.Functions.Files;

/// <summary>A SAS on the project's own container for bulk tools (AzCopy, rclone, Storage Explorer).</summary>
public sealed class CreateTransferUrl(ApiEndpoint endpoint, FileService files)
{
    [Function(nameof(CreateTransferUrl))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.TransferUrl)] HttpRequest req, string projectId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var body = await JsonBody.ReadAsync<TransferUrlRequest>(req, ct);
            var url = await files.GetTransferUrlAsync(caller, projectId, body.Permissions, body.ExpiresInMinutes, ct);
            return new ObjectResult(new TransferUrlResponse(url.Url, body.Permissions!, url.ExpiresAt)) { StatusCode = StatusCodes.Status201Created };
        });
}
