using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scipion.Core.Errors;
using Scipion.Core.Identity;
using Scipion.Functions.Http;

namespace Scipion.Functions.Identity;

/// <summary>Development only: outside Development this route answers 404 as if it did not exist.</summary>
public sealed class IssueDevelopmentToken(IHostEnvironment environment, IServiceProvider services)
{
    [Function(nameof(IssueDevelopmentToken))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.DevelopmentToken)] HttpRequest req) =>
        ApiEndpoint.RunAnonymousAsync(req, async ct =>
        {
            if (!environment.IsDevelopment())
            {
                throw ScipionError.NotFound($"'{req.Path}'");
            }

            var body = await JsonBody.ReadAsync<DevelopmentTokenRequest>(req, ct);
            UserId.Validate(body.User);
            var (token, expiresAt) = services.GetRequiredService<DevelopmentTokenIssuer>().Issue(body.User!);
            return new OkObjectResult(new DevelopmentTokenResponse(token, expiresAt));
        });
}
