using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Runs;
using Scipion.Functions.Http;

namespace Scipion.Functions.Runs;

public sealed class ListRuns(ApiEndpoint endpoint, RunService runs)
{
    [Function(nameof(ListRuns))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Runs)] HttpRequest req, string projectId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
            new OkObjectResult((await runs.ListAsync(caller, projectId, ct)).Select(RunResponse.From).ToList()));
}
