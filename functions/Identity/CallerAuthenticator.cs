using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Scipion.Core.Errors;
using Scipion.Core.Identity;

namespace Scipion.Functions.Identity;

/// <summary>
/// Validates the request's bearer token with whatever scheme the environment registered (Entra ID through
/// Microsoft.Identity.Web, or the development key) and names the caller. Called by each function rather than
/// by middleware, so the Functions host and the local host authenticate through the same code.
/// </summary>
public sealed class CallerAuthenticator
{
    private static readonly string[] UserClaims =
    [
        "oid",
        "http://schemas.microsoft.com/identity/claims/objectidentifier",
        "sub",
        ClaimTypes.NameIdentifier,
    ];

    public async Task<Caller> AuthenticateAsync(HttpRequest request)
    {
        if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw Unauthenticated("Send 'Authorization: Bearer <token>'.");
        }

        var result = await request.HttpContext.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            throw Unauthenticated("The bearer token is not valid here (malformed, expired, wrongly signed or for another audience).");
        }

        var user = UserClaims.Select(type => result.Principal.FindFirst(type)?.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (user is null || UserId.Problem(user) is not null)
        {
            throw Unauthenticated("The token names no usable user ('oid' or 'sub').");
        }

        return new Caller(user);
    }

    private static ScipionError Unauthenticated(string detail) => new(ErrorKind.Unauthenticated, "Unauthorized", detail);
}
