using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Projects;
using Scipion.Functions.Http;

namespace Scipion.Functions.Projects;

public sealed class DeleteProject(ApiEndpoint endpoint, ProjectService projects)
{
    [Function(nameof(DeleteProject))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Project)] HttpRequest req, string projectId) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            await projects.DeleteAsync(caller, projectId, ct);
            return new NoContentResult();
        });
}
