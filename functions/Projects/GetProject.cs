using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Projects;
using Scipion.Functions.Http;

namespace Scipion.Functions.Projects;

public sealed class GetProject(ApiEndpoint endpoint, ProjectService projects)
{
    [Function(nameof(GetProject))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Project)] HttpRequest req, string projectId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
            new OkObjectResult(ProjectResponse.From(await projects.GetAsync(caller, projectId, ProjectAction.Read, ct))));
}
