using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Scipion.Functions.Identity;

namespace Scipion.Functions.Web;

/// <summary>
/// How the page signs in, served as <c>auth-config.json</c> beside it: the switch between the development
/// token route and Entra ID (MSAL.js). It follows the same rule as the API: development only in Development.
/// </summary>
public sealed record WebSignInSettings(string Mode, string? Authority, string? ClientId, IReadOnlyList<string> Scopes)
{
    public const string FileName = "auth-config.json";
    public const string Section = "WebPage";

    public static WebSignInSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return new WebSignInSettings("development", null, null, []);
        }

        var entra = configuration.GetSection(IdentityServiceCollectionExtensions.EntraSection);
        var instance = (entra["Instance"] ?? "https://login.microsoftonline.com/").TrimEnd('/');
        var apiClientId = entra["ClientId"];
        var audience = entra["Audience"] ?? (apiClientId is null ? null : $"api://{apiClientId}");

        // The page is usually its own (SPA) app registration; it asks for a token whose audience is the API's.
        var scopes = configuration[$"{Section}:Scopes"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? (audience is null ? [] : [$"{audience}/.default"]);
        return new WebSignInSettings("entra", $"{instance}/{entra["TenantId"]}", configuration[$"{Section}:ClientId"] ?? apiClientId, scopes);
    }
}
