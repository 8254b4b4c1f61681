using System.Diagnostics;
using System.Text;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Scipion.Durable.Local;
using Scipion.Testing;

namespace Scipion.Durable.Tests;

/// <summary>
/// Scipion.Durable.TestHost run as a child process, so a test can kill it the hard way (SIGKILL) and start another.
/// The test talks to it through a DurableTaskClient of its own on the host's sidecar port.
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly ServiceProvider _clientServices;

    private ChildHost(Process process, StringBuilder output, ServiceProvider clientServices)
    {
        _process = process;
        _output = output;
        _clientServices = clientServices;
        Client = clientServices.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static async Task<ChildHost> StartAsync(string connectionString, string hubName, string workerId)
    {
        var sidecarPort = FreePort.Next();
        // The host project is referenced by the tests, so its assembly and runtime config sit next to them.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Scipion.Durable.TestHost.dll"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[DurableTaskOptions.StorageConnectionStringKey] = connectionString;
        start.Environment[$"{DurableTaskOptions.Section}__{nameof(DurableTaskOptions.HubName)}"] = hubName;
        start.Environment[$"{DurableTaskOptions.Section}__{nameof(DurableTaskOptions.WorkerId)}"] = workerId;
        start.Environment[$"{DurableTaskOptions.Section}__{nameof(DurableTaskOptions.SidecarPort)}"] = sidecarPort.ToString();

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The test host did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var services = new ServiceCollection();
        services.AddLogging();
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarPort}");
        services.AddSingleton(channel);
        services.AddDurableTaskClient(client => client.UseGrpc(channel));
        var host = new ChildHost(process, output, services.BuildServiceProvider());

        // The sidecar listens once the task hub exists, so from then on the client can be used.
        await FreePort.WaitUntilListeningAsync(sidecarPort, TimeSpan.FromMinutes(1), () => host.Output);
        return host;
    }

    /// <summary>SIGKILL: no graceful stop, no lease release, no completion of the running activity.</summary>
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
        await _clientServices.DisposeAsync();
        _process.Dispose();
    }
}
