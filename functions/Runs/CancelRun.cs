using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Runs;
using Scipion.Functions.Http;

namespace Scipion.Functions.Runs;

public sealed class CancelRun(ApiEndpoint endpoint, RunService runs)
{
    [Function(nameof(CancelRun))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CancelRun)] HttpRequest req, string projectId, string runId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var run = await runs.CancelAsync(caller, projectId, runId, ct);
            return new AcceptedResult($"/{ApiRoutes.Prefix}/projects/{run.ProjectId}/runs/{run.RunId}", RunResponse.From(run));
        });
}
