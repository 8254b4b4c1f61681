using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Projects;
using Scipion.Functions.Http;

namespace Scipion.Functions.Projects;

public sealed class UnshareProject(ApiEndpoint endpoint, ProjectService projects)
{
    [Function(nameof(UnshareProject))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Member)] HttpRequest req, string projectId, string user) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            await projects.UnshareAsync(caller, projectId, user, ct);
            return new NoContentResult();
        });
}
