using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Scipion.Core;
using Scipion.LocalHost;
using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>
/// Unreadable blob-created messages go to the poison queue after a bounded number of tries, and never hold up the
/// messages behind them; events that are readable but name no project (another container, a deleted project) are
/// simply ignored.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class PoisonTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Unreadable_blob_created_messages_end_in_the_poison_queue_and_a_good_one_behind_them_is_processed()
    {
        await using var azurite = await Azurite.StartAsync();
        var key = LocalHostProcess.NewSigningKey();
        var work = Directory.CreateTempSubdirectory("poison-work-").FullName;
        var tries = new LocalHostOptions().MaxDequeueCount;

        // Only this test's messages are on the queue (no emitted events), and a failed try is retried after a second.
        await using var host = await LocalHostProcess.StartAsync(azurite, key, work, "poison" + Guid.NewGuid().ToString("N")[..8],
        [
            "--LocalHost:EmitBlobEvents=false", "--LocalHost:VisibilityTimeout=00:00:01", "--LocalHost:QueuePollInterval=00:00:00.200",
            .. fixture.ComputeSettings(work),
        ]);
        var api = new ApiClient(host.BaseAddress, key);
        var alice = ApiClient.NewUser("alice");
        var id = (await api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var runId = await Runs.StartAsync(api, alice, id, new
        {
            tool = "pipeline",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0, streaming = true },
        });
        await Runs.WaitAsync(api, alice, id, runId, r => r.GetProperty("status").GetString() == "Running", Limit);
        var good = await api.StartUploadAsync(alice, id, "Movies/good.mrcs", 4);
        await Uploads.PutAsync(good, [1, 2, 3, 4]);

        var gone = (await api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var ofDeletedProject = await api.StartUploadAsync(alice, gone, "Movies/late.mrcs", 4);
        using (var deleted = await api.SendAsync(alice, HttpMethod.Delete, $"api/projects/{gone}"))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"delete: {(int)deleted.StatusCode}");
        }

        string[] junk =
        [
            "this is not JSON",
            "{\"hello\":\"world\"}",
            "[1,\"two\",null,{\"three\":3}]",
            "[]",
            "{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":42,\"data\":{}}",
        ];
        string[] ignored =
        [
            EventFor("/blobServices/default/containers/not-a-project/blobs/Movies/a.mrcs"),
            EventFor(SubjectOf(ofDeletedProject)),
        ];
        // The queues carry Base64, as the Functions host expects; one message is not even that.
        const string notBase64 = "%%% not Base64 %%%";
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient(StorageNames.BlobCreatedQueue);
        var poison = queues.GetQueueClient(StorageNames.BlobCreatedQueue + "-poison");
        await new QueueClient(azurite.ConnectionString, StorageNames.BlobCreatedQueue).SendMessageAsync(notBase64);
        foreach (var message in junk.Concat(ignored).Append(EventFor(SubjectOf(good))))
        {
            await queue.SendMessageAsync(message);
        }

        var deadline = DateTime.UtcNow + Limit;
        while (await CountAsync(poison) < junk.Length + 1 || !Regex.IsMatch(host.Output, @"/Movies/good\.mrcs \(.*\) reached 1 streaming run"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"not settled within {Limit}\n--- host ---\n{host.Output}");
            await Task.Delay(250);
        }

        var poisoned = (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(junk.Append(notBase64).Order(StringComparer.Ordinal), poisoned);
        Assert.Equal(junk.Length, Regex.Matches(host.Output, $@"OnBlobCreated gave up on message \S+ after {tries} tries: moved to {StorageNames.BlobCreatedQueue}-poison").Count);
        while ((await queue.PeekMessagesAsync(32)).Value.Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"messages left on {StorageNames.BlobCreatedQueue}\n--- host ---\n{host.Output}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public void The_local_host_gives_a_message_as_many_tries_as_host_json_gives_the_Functions_host()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));
        var configured = hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();

        Assert.Equal(new LocalHostOptions().MaxDequeueCount, configured);
    }

    private static async Task<int> CountAsync(QueueClient queue) =>
        await queue.ExistsAsync() ? (await queue.PeekMessagesAsync(32)).Value.Length : 0;

    /// <summary>
    /// The subject Event Grid gives a blob: its container and name, read from an upload URL the API handed out (so this
    /// test knows nothing of how projects map to containers).
    /// </summary>
    private static string SubjectOf(JsonElement grant)
    {
        var parts = Uploads.Url(grant).AbsolutePath.TrimStart('/').Split('/', 3); // account, container, blob name
        return $"/blobServices/default/containers/{parts[1]}/blobs/{parts[2]}";
    }

    private static string EventFor(string subject) => new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["topic"] = "/subscriptions/local/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
        ["subject"] = subject,
        ["eventType"] = "Microsoft.Storage.BlobCreated",
        ["eventTime"] = DateTimeOffset.UtcNow.ToString("O"),
        ["data"] = new JsonObject { ["api"] = "PutBlob", ["eTag"] = "0x8DTEST", ["contentLength"] = 4, ["blobType"] = "BlockBlob" },
        ["dataVersion"] = "",
        ["metadataVersion"] = "1",
    }.ToJsonString();
}
