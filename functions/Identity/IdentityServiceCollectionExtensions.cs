using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace Scipion.Functions.Identity;

public static class IdentityServiceCollectionExtensions
{
    public const string EntraSection = "AzureAd";

    /// <summary>
    /// Entra ID outside Development; the development key only in Development. The two are never registered
    /// together, so a development-signed token cannot pass in production.
    /// </summary>
    public static IServiceCollection AddScipionIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton<CallerAuthenticator>();
        if (!environment.IsDevelopment())
        {
            if (!string.IsNullOrEmpty(configuration[$"{DevelopmentIdentityOptions.Section}:SigningKey"]))
            {
                throw new InvalidOperationException(
                    $"{DevelopmentIdentityOptions.Section}:SigningKey is set in environment '{environment.EnvironmentName}': development keys are refused outside Development.");
            }

            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(configuration.GetSection(EntraSection));
            return services;
        }

        services.AddOptions<DevelopmentIdentityOptions>().Bind(configuration.GetSection(DevelopmentIdentityOptions.Section));
        services.AddSingleton<DevelopmentSigningKey>();
        services.AddSingleton<DevelopmentTokenIssuer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<DevelopmentSigningKey, IOptions<DevelopmentIdentityOptions>>((bearer, key, options) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Value.Issuer,
                    ValidAudience = options.Value.Audience,
                    IssuerSigningKey = key.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        return services;
    }
}
