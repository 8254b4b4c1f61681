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
    private readonly ChildProcess _process;
    private readonly ServiceProvider _clientServices;

    private ChildHost(ChildProcess process, ServiceProvider clientServices)
    {
        _process = process;
        _clientServices = clientServices;
        Client = clientServices.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public string Output => _process.Output;

    public static async Task<ChildHost> StartAsync(string connectionString, string hubName, string workerId)
    {
        var sidecarPort = FreePort.Next();

        // The host project is referenced by the tests, so its assembly and runtime config sit next to them.
        var process = ChildProcess.Start("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Scipion.Durable.TestHost.dll"), "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string>
            {
                [DurableTaskOptions.StorageConnectionStringKey] = connectionString,
                [$"{DurableTaskOptions.Section}__{nameof(DurableTaskOptions.HubName)}"] = hubName,
                [$"{DurableTaskOptions.Section}__{nameof(DurableTaskOptions.WorkerId)}"] = workerId,
                [$"{DurableTaskOptions.Section}__{nameof(DurableTaskOptions.SidecarPort)}"] = sidecarPort.ToString(),
            });

        var services = new ServiceCollection();
        services.AddLogging();
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarPort}");
        services.AddSingleton(channel);
        services.AddDurableTaskClient(client => client.UseGrpc(channel));
        var host = new ChildHost(process, services.BuildServiceProvider());

        // The sidecar listens once the task hub exists, so from then on the client can be used.
        await FreePort.WaitUntilListeningAsync(sidecarPort, TimeSpan.FromMinutes(1), () => host.Output);
        return host;
    }

    /// <summary>SIGKILL: no graceful stop, no lease release, no completion of the running activity.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _clientServices.DisposeAsync();
    }
}
