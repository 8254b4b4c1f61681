using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Runs;
using Scipion.Functions.Http;

namespace Scipion.Functions.Runs;

public sealed class ListTools(ApiEndpoint endpoint, RunService runs)
{
    [Function(nameof(ListTools))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Tools)] HttpRequest req) =>
        endpoint.RunAsync(req, (_, _) => Task.FromResult<IActionResult>(new OkObjectResult(runs.Tools.Select(ToolResponse.From).ToList())));
}
