using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Scipion.LocalHost;

namespace Scipion.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class BlobCorsTests(WebFixture fixture)
{
    [Fact]
    public async Task The_local_host_lets_its_own_origin_reach_azurite_s_blob_service()
    {
        var properties = (await new BlobServiceClient(fixture.Azurite.ConnectionString).GetPropertiesAsync()).Value;

        var rule = Assert.Single(properties.Cors);
        var origin = fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Contains(origin, rule.AllowedOrigins.Split(','));
        Assert.Contains("PUT", rule.AllowedMethods.Split(','));
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071", "http://127.0.0.1:7071,http://localhost:7071")]
    [InlineData("http://localhost:5000;http://0.0.0.0:5001", "http://localhost:5000,http://127.0.0.1:5000,http://0.0.0.0:5001")]
    public void Without_configured_origins_the_rule_names_the_host_s_addresses_under_both_loopback_names(string urls, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();

        Assert.Equal(expected.Split(','), BlobCorsInitializer.AllowedOrigins(configuration));
    }

    [Fact]
    public void Configured_origins_replace_the_host_s_addresses()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:7071",
            ["LocalHost:BlobCorsOrigins"] = "https://portal.example.org, https://scipion.example.org/",
        }).Build();

        Assert.Equal(["https://portal.example.org", "https://scipion.example.org"], BlobCorsInitializer.AllowedOrigins(configuration));
    }
}
