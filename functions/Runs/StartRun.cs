using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Scipion.Core.Runs;
using Scipion.Functions.Http;
using Scipion.Workflows;

namespace Scipion.Functions.Runs;

public sealed class StartRun(ApiEndpoint endpoint, RunService runs, WorkflowEngines engines)
{
    [Function(nameof(StartRun))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Runs)] HttpRequest req, string projectId,
        [DurableClient] DurableTaskClient durable) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var body = await JsonBody.ReadAsync<StartRunRequest>(req, ct);
            var run = await runs.StartAsync(engines.For(durable), caller, projectId, body.Tool, body.Inputs, body.Parameters, ct);
            var statusUrl = $"/{ApiRoutes.Prefix}/projects/{run.ProjectId}/runs/{run.RunId}";
            return new AcceptedResult(statusUrl, new StartRunResponse(run.RunId, run.Status.ToString(), statusUrl));
        });
}
