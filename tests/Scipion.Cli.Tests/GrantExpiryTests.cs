using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Web;
using Scipion.Testing;

namespace Scipion.Cli.Tests;

/// <summary>Its own Azurite and a host whose upload grants live two seconds, so nothing else shares them.</summary>
public sealed class GrantExpiryTests
{
    [Fact]
    public async Task An_upload_grant_that_expires_mid_file_is_replaced_and_the_upload_completes()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(azurite, "Development", "--SignedUrls:UploadLifetime=00:00:02");
        var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("login", "--host", host.BaseAddress.ToString(), "--user", ApiClient.NewUser("alice"))).ExitCode);
        var projectId = (await cli.RunAsync("projects", "create", "Expiry")).Output.Trim();
        var folder = Directory.CreateTempSubdirectory("expiry-").FullName;
        var bytes = RandomNumberGenerator.GetBytes(2 * 64 * 1024);
        await File.WriteAllBytesAsync(Path.Combine(folder, "slow.mrcs"), bytes);

        // Each block's first try is held until the grant it carries has expired.
        var held = new ConcurrentDictionary<string, byte>();
        cli.Storage.BeforeSendAsync = async request =>
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            if (query["comp"] == "block" && held.TryAdd(query["blockid"]!, 0))
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
        };
        var result = await cli.RunAsync("upload", folder, "--project", projectId, "--parallel", "1", "--block-size-kib", "64");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(cli.Storage.Requests, r => r is { Comp: "block", Status: 403 });
        Assert.True(cli.ApiCalls.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/uploads", StringComparison.Ordinal)) >= 2);
        var blob = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(Scipion.Core.StorageNames.ProjectContainer(projectId)).GetBlobClient("slow.mrcs");
        Assert.Equal(MD5.HashData(bytes), MD5.HashData((await blob.DownloadContentAsync()).Value.Content.ToArray()));
    }
}
