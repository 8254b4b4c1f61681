using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Projects;
using Scipion.Functions.Http;

namespace Scipion.Functions.Projects;

public sealed class ShareProject(ApiEndpoint endpoint, ProjectService projects)
{
    [Function(nameof(ShareProject))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Member)] HttpRequest req, string projectId, string user) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var body = await JsonBody.ReadAsync<ShareProjectRequest>(req, ct);
            return new OkObjectResult(ProjectResponse.From(await projects.ShareAsync(caller, projectId, user, body.Role, ct)));
        });
}
