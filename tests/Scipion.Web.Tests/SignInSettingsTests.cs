using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using Scipion.Functions.Web;

namespace Scipion.Web.Tests;

public sealed class SignInSettingsTests
{
    [Fact]
    public void In_development_the_page_is_told_to_use_the_development_token_route()
    {
        var settings = WebSignInSettings.From(Configuration(new() { ["AzureAd:ClientId"] = "api-app" }), new Environment("Development"));

        Assert.Equal("development", settings.Mode);
        Assert.Null(settings.ClientId);
    }

    [Fact]
    public void Elsewhere_the_page_is_told_to_use_entra_with_the_api_audience_as_default_scope()
    {
        var settings = WebSignInSettings.From(
            Configuration(new() { ["AzureAd:TenantId"] = "tenant-1", ["AzureAd:ClientId"] = "api-app", ["AzureAd:Audience"] = "api://scipion" }),
            new Environment("Production"));

        Assert.Equal("entra", settings.Mode);
        Assert.Equal("https://login.microsoftonline.com/tenant-1", settings.Authority);
        Assert.Equal("api-app", settings.ClientId);
        Assert.Equal(["api://scipion/.default"], settings.Scopes);
    }

    [Fact]
    public void The_page_s_own_app_registration_and_scopes_override_the_api_s()
    {
        var settings = WebSignInSettings.From(
            Configuration(new()
            {
                ["AzureAd:Instance"] = "https://login.example.org/", ["AzureAd:TenantId"] = "t", ["AzureAd:ClientId"] = "api-app",
                ["WebPage:ClientId"] = "spa-app", ["WebPage:Scopes"] = "api://scipion/Projects.ReadWrite, openid",
            }),
            new Environment("Production"));

        Assert.Equal("https://login.example.org/t", settings.Authority);
        Assert.Equal("spa-app", settings.ClientId);
        Assert.Equal(["api://scipion/Projects.ReadWrite", "openid"], settings.Scopes);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Scipion.Functions";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
