using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scipion.Core.Compute;
using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Bench.Workflows;

/// <summary>
/// A held load on one local host: <see cref="BenchOptions.Users"/> users each creating projects, uploading files through
/// the signed URLs the API returns and starting runs, while a microscope uploads movies at a steady rate into a
/// streaming pipeline run; compute is a no-op backend, so what is measured is the platform. Prints requests/s, p50/p99
/// per route, the count of 5xx (the contract says 0), and movies processed against movies uploaded after a drain.
/// </summary>
public static class LoadBenchmark
{
    private static readonly HttpClient Storage = new();

    public static async Task RunAsync(Azurite azurite, BenchOptions options)
    {
        await using var host = await LocalHostInstance.StartAsync(azurite, "Development",
            builder => builder.Services.AddSingleton<IComputeBackend, NoOpBackend>(),
            $"--Compute:Default={NoOpBackend.BackendName}", "--Workflows:PollInterval=00:00:00.500", "--LocalHost:BlobEventPollInterval=00:00:00.250",
            "--LocalHost:QueuePollInterval=00:00:00.100", "--Workflows:ParallelStreamingBatches=4", "--Logging:LogLevel:Default=Error");
        var api = new ApiClient(host);
        var recorder = new LoadRecorder();
        var movie = MovieBytes();
        var deadline = DateTime.UtcNow + options.Duration;
        Console.WriteLine($"load: {options.Users} users + a microscope at {options.MoviesPerSecond} movies/s for {options.Duration} (no-op compute)...");

        var clock = Stopwatch.StartNew();
        var microscope = MicroscopeAsync(api, recorder, movie, options, deadline);
        var users = Enumerable.Range(1, options.Users).Select(i => UserAsync(api, recorder, movie, $"load{i:D2}", deadline)).ToList();
        var userResults = await Task.WhenAll(users);
        var held = clock.Elapsed.TotalSeconds;
        var requests = recorder.Requests;
        var stream = await microscope;

        Console.WriteLine($"load held for {held:0.0} s on {Environment.ProcessorCount} cores: {requests} requests, {requests / held:0.0} requests/s " +
            $"({userResults.Sum(r => r.Projects)} projects, {userResults.Sum(r => r.Files)} files, {userResults.Sum(r => r.Runs)} runs by the users)");
        foreach (var line in recorder.Table())
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"  5xx: {recorder.ServerErrors} (contract: 0); no answer: {recorder.NoAnswers}");
        foreach (var sample in recorder.ServerErrorSamples)
        {
            Console.WriteLine($"    {sample[..Math.Min(sample.Length, 300)]}");
        }

        Console.WriteLine($"  streaming: {stream.Uploaded} movies uploaded at {options.MoviesPerSecond} movies/s, {stream.Processed} processed after a drain of {stream.DrainSeconds:0.0} s " +
            $"({(stream.Uploaded == stream.Processed ? "equal" : "NOT equal")}; {stream.Processed / (options.Duration.TotalSeconds + stream.DrainSeconds):0.00} movies/s overall)");
    }

    private sealed record UserResult(int Projects, int Files, int Runs);

    private sealed record StreamResult(int Uploaded, int Processed, double DrainSeconds);

    /// <summary>One user, over and over: a project, three files through signed URLs, a listing, a run followed to its end.</summary>
    private static async Task<UserResult> UserAsync(ApiClient api, LoadRecorder recorder, byte[] movie, string name, DateTime deadline)
    {
        var user = ApiClient.NewUser(name);
        var token = await TokenAsync(api, recorder, user);
        int projects = 0, files = 0, runs = 0;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var project = (await JsonAsync(await SendAsync(api, recorder, "POST /projects", token, HttpMethod.Post, "api/projects", new { name = $"{name} {projects}" }))).GetProperty("id").GetString()!;
                projects++;
                foreach (var path in new[] { "Movies/m1.mrcs", "Movies/m2.mrcs", "Notes/readme.txt" })
                {
                    await UploadAsync(api, recorder, token, project, path, movie);
                    files++;
                }

                using (await SendAsync(api, recorder, "GET /files", token, HttpMethod.Get, $"api/projects/{project}/files?prefix=Movies/"))
                {
                }

                var started = await JsonAsync(await SendAsync(api, recorder, "POST /runs", token, HttpMethod.Post, $"api/projects/{project}/runs", new
                {
                    tool = "movie-alignment",
                    inputs = new { movies = "Movies/*.mrcs" },
                    parameters = new { pixelSize = 1.0, patches = new[] { 1, 1 } },
                }));
                runs++;
                var runId = started.GetProperty("runId").GetString()!;
                var runDeadline = DateTime.UtcNow.AddSeconds(60);
                while (DateTime.UtcNow < runDeadline)
                {
                    var run = await JsonAsync(await SendAsync(api, recorder, "GET /runs/{id}", token, HttpMethod.Get, $"api/projects/{project}/runs/{runId}"));
                    if (run.GetProperty("status").GetString() is "Completed" or "Failed" or "Canceled")
                    {
                        break;
                    }

                    await Task.Delay(500);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or KeyNotFoundException or InvalidOperationException or JsonException)
            {
                // Counted by the recorder; a user whose step failed starts over, as a person would.
                await Task.Delay(200);
            }
        }

        return new UserResult(projects, files, runs);
    }

    /// <summary>A streaming pipeline and a steady stream of movies into it; then a drain until every movie's steps have finished.</summary>
    private static async Task<StreamResult> MicroscopeAsync(ApiClient api, LoadRecorder recorder, byte[] movie, BenchOptions options, DateTime deadline)
    {
        var user = ApiClient.NewUser("scope");
        var token = await TokenAsync(api, recorder, user);
        var project = (await JsonAsync(await SendAsync(api, recorder, "POST /projects", token, HttpMethod.Post, "api/projects", new { name = "microscope" }))).GetProperty("id").GetString()!;
        var started = await JsonAsync(await SendAsync(api, recorder, "POST /runs", token, HttpMethod.Post, $"api/projects/{project}/runs", new
        {
            tool = "pipeline",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0, patches = new[] { 1, 1 }, streaming = true },
        }));
        var runId = started.GetProperty("runId").GetString()!;

        var every = TimeSpan.FromSeconds(1.0 / options.MoviesPerSecond);
        var uploaded = 0;
        var next = DateTime.UtcNow;
        var uploads = new List<Task>();
        while (DateTime.UtcNow < deadline)
        {
            var k = ++uploaded;
            uploads.Add(UploadAsync(api, recorder, token, project, $"Movies/s{k:D5}.mrcs", movie));
            next += every;
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        await Task.WhenAll(uploads);

        // The drain lasts while movies are still being processed: it ends when all are, or when a minute passes
        // without one more (a lost movie), or at three times the load's length.
        var drain = Stopwatch.StartNew();
        var drainLimit = TimeSpan.FromSeconds(Math.Max(60, 3 * options.Duration.TotalSeconds));
        var lastProgress = Stopwatch.StartNew();
        var processed = 0;
        JsonElement run;
        do
        {
            await Task.Delay(1000);
            run = await JsonAsync(await SendAsync(api, recorder, "GET /runs/{id}", token, HttpMethod.Get, $"api/projects/{project}/runs/{runId}"));
            var now = ProcessedMovies(run);
            if (now > processed)
            {
                lastProgress.Restart();
            }

            processed = now;
        }
        while (processed < uploaded && drain.Elapsed < drainLimit && lastProgress.Elapsed < TimeSpan.FromMinutes(1) && run.GetProperty("status").GetString() == "Running");

        var drained = drain.Elapsed.TotalSeconds;
        using (await SendAsync(api, recorder, "POST /runs/{id}/cancel", token, HttpMethod.Post, $"api/projects/{project}/runs/{runId}/cancel"))
        {
        }

        // Let the run end before the host stops, so the figures are not followed by its shutdown's noise.
        var ending = Stopwatch.StartNew();
        while (ending.Elapsed < TimeSpan.FromSeconds(60)
            && (await JsonAsync(await SendAsync(api, recorder, "GET /runs/{id}", token, HttpMethod.Get, $"api/projects/{project}/runs/{runId}"))).GetProperty("status").GetString() == "Running")
        {
            await Task.Delay(1000);
        }

        return new StreamResult(uploaded, processed, drained);
    }

    /// <summary>Streaming batches (one per movie, steps named "step #N") whose every step has finished.</summary>
    private static int ProcessedMovies(JsonElement run) =>
        run.GetProperty("steps").EnumerateArray()
            .Select(s => (Name: s.GetProperty("name").GetString()!, Status: s.GetProperty("status").GetString()))
            .Where(s => s.Name.Contains(" #", StringComparison.Ordinal))
            .GroupBy(s => s.Name[(s.Name.LastIndexOf('#') + 1)..], StringComparer.Ordinal)
            .Count(batch => batch.All(s => s.Status is "Completed" or "Failed" or "Canceled"));

    private static async Task UploadAsync(ApiClient api, LoadRecorder recorder, string token, string project, string path, byte[] content)
    {
        var grant = await JsonAsync(await SendAsync(api, recorder, "POST /uploads", token, HttpMethod.Post, $"api/projects/{project}/uploads", new { path, size = content.Length }));
        using var put = await recorder.TimeAsync("PUT blob (signed URL, storage)", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, grant.GetProperty("url").GetString()) { Content = new ByteArrayContent(content) };
            foreach (var header in grant.GetProperty("headers").EnumerateObject())
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }

            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return await Storage.SendAsync(request);
        });
        put.EnsureSuccessStatusCode();
    }

    private static async Task<string> TokenAsync(ApiClient api, LoadRecorder recorder, string user)
    {
        using var response = await recorder.TimeAsync("POST /dev/token", () => api.Http.PostAsJsonAsync("api/dev/token", new { user }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static Task<HttpResponseMessage> SendAsync(ApiClient api, LoadRecorder recorder, string route, string token, HttpMethod method, string path, object? body = null) =>
        recorder.TimeAsync(route, () =>
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            return api.Http.SendAsync(request);
        });

    /// <summary>The body of a success; anything else throws, so the user loop starts over.</summary>
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{(int)response.StatusCode}");
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    private static byte[] MovieBytes()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bench-load-").FullName, "m.mrcs");
        new SyntheticMovie { Seed = 1, Size = 64, Frames = 4, BlobCount = 10 }.Write(file);
        return File.ReadAllBytes(file);
    }
}
