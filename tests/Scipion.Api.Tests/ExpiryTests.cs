using System.Net;
using Scipion.Testing;

namespace Scipion.Api.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class ExpiryTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task An_upload_grant_stops_working_once_it_expires()
    {
        // A second host on the same Azurite, configured with a two-second grant and no clock-skew allowance.
        await using var host = await LocalHostInstance.StartAsync(fixture.Azurite, "Development",
            "--SignedUrls:UploadLifetime=00:00:02", "--SignedUrls:ClockSkewAllowance=00:00:00");
        var api = new ApiClient(host);
        var alice = ApiClient.NewUser("alice");
        var id = (await api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var early = await api.StartUploadAsync(alice, id, "Movies/early.tif", 1);
        var late = await api.StartUploadAsync(alice, id, "Movies/late.tif", 1);

        await Uploads.PutAsync(early, [1]);
        var expiresAt = late.GetProperty("expiresAt").GetDateTimeOffset();
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5));

        Assert.Equal(HttpStatusCode.Forbidden, await Uploads.TryPutAsync(Uploads.Url(late), late, [1]));
        Assert.Equal(["Movies/early.tif"], await fixture.ProjectBlobsAsync(id));
    }
}
