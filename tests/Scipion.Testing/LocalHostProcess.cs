using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Scipion.Testing;

/// <summary>
/// The local host as a child process (the built Scipion.LocalHost.dll next to the tests), so a test can kill it
/// the hard way, as a crash or a power cut would, and start another on the same storage.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private LocalHostProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static async Task<LocalHostProcess> StartAsync(Azurite azurite, string signingKey, string workRoot, string hubName)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Scipion.LocalHost.dll"),
                     $"--urls=http://127.0.0.1:{port}",
                     $"--ProjectStorage={azurite.ConnectionString}",
                     $"--DevelopmentIdentity:SigningKey={signingKey}",
                     $"--Workflows:WorkRoot={workRoot}",
                     $"--DurableTask:HubName={hubName}",
                     "--Workflows:PollInterval=00:00:00.500",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The local host did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new LocalHostProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => host.Output);
        return host;
    }

    /// <summary>SIGKILL to the host and every process it started (RELION jobs included): nothing gets to clean up.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
