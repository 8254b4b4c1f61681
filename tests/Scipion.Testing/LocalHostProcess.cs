namespace Scipion.Testing;

/// <summary>
/// The local host as a child process (the built Scipion.LocalHost.dll next to the tests), so a test can kill it
/// the hard way, as a crash or a power cut would, and start another on the same storage.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private LocalHostProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output => _process.Output;

    public static string NewSigningKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts the host; <paramref name="settings"/> (<c>--Key=value</c>) add to or override the defaults, e.g. a compute backend.</summary>
    public static async Task<LocalHostProcess> StartAsync(Azurite azurite, string signingKey, string workRoot, string hubName, params string[] settings)
    {
        var port = FreePort.Next();
        var process = ChildProcess.Start("dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "Scipion.LocalHost.dll"),
                $"--urls=http://127.0.0.1:{port}",
                $"--ProjectStorage={azurite.ConnectionString}",
                $"--DevelopmentIdentity:SigningKey={signingKey}",
                $"--Workflows:WorkRoot={workRoot}",
                $"--DurableTask:HubName={hubName}",
                "--Workflows:PollInterval=00:00:00.500",
                .. settings,
            ],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var host = new LocalHostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => host.Output);
        return host;
    }

    /// <summary>SIGKILL to the host and every process it started (RELION jobs included): nothing gets to clean up.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
