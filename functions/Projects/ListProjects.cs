using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Projects;
using Scipion.Functions.Http;

namespace Scipion.Functions.Projects;

public sealed class ListProjects(ApiEndpoint endpoint, ProjectService projects)
{
    [Function(nameof(ListProjects))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Projects)] HttpRequest req) =>
        endpoint.RunAsync(req, async (caller, ct) =>
            new OkObjectResult((await projects.ListAsync(caller, ct)).Select(ProjectResponse.From).ToList()));
}
