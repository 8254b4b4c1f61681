using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Runs;
using Scipion.Functions.Http;

namespace Scipion.Functions.Runs;

public sealed class GetRun(ApiEndpoint endpoint, RunService runs)
{
    [Function(nameof(GetRun))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Run)] HttpRequest req, string projectId, string runId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
            new OkObjectResult(RunResponse.From(await runs.GetAsync(caller, projectId, runId, ct))));
}
