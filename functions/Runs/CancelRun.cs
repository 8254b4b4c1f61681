using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Scipion.Core.Runs;
using Scipion.Functions.Http;
using Scipion.Workflows;

namespace Scipion.Functions.Runs;

public sealed class CancelRun(ApiEndpoint endpoint, RunService runs, WorkflowEngines engines)
{
    [Function(nameof(CancelRun))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CancelRun)] HttpRequest req, string projectId, string runId,
        [DurableClient] DurableTaskClient durable) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var run = await runs.CancelAsync(engines.For(durable), caller, projectId, runId, ct);
            return new AcceptedResult($"/{ApiRoutes.Prefix}/projects/{run.ProjectId}/runs/{run.RunId}", RunResponse.From(run));
        });
}
