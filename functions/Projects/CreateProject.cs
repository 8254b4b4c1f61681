using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scipion.Core.Projects;
using Scipion.Functions.Http;

namespace Scipion.Functions.Projects;

public sealed class CreateProject(ApiEndpoint endpoint, ProjectService projects)
{
    [Function(nameof(CreateProject))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Projects)] HttpRequest req) =>
        endpoint.RunAsync(req, async (caller, ct) =>
        {
            var body = await JsonBody.ReadAsync<CreateProjectRequest>(req, ct);
            var project = await projects.CreateAsync(caller, body.Name, body.Description, ct);
            return new CreatedResult($"/{ApiRoutes.Prefix}/{ApiRoutes.Projects}/{project.Id}", ProjectResponse.From(project));
        });
}
