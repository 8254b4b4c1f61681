using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Scipion.Durable.Local;

public static class LocalDurableTaskExtensions
{
    /// <summary>
    /// Runs durable orchestrations in this process with their state in Azure Storage (Azurite locally): the
    /// TaskOrchestrator/TaskActivity classes that <paramref name="registerTasks"/> adds are the ones the Functions app
    /// registers. Registers <see cref="DurableTaskClient"/> for starting and querying instances. The sidecar listens on
    /// its own loopback port inside a private web host, so nothing needs mapping in the application's own pipeline.
    /// </summary>
    public static TBuilder AddLocalDurableTask<TBuilder>(this TBuilder builder, Action<DurableTaskRegistry> registerTasks)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(registerTasks);
        var services = builder.Services;

        services.AddOptions<DurableTaskOptions>()
            .Bind(builder.Configuration.GetSection(DurableTaskOptions.Section))
            .Configure<IConfiguration>((options, configuration) =>
                options.StorageConnectionString ??= configuration[DurableTaskOptions.StorageConnectionStringKey])
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var shutdownTimeout = builder.Configuration.GetSection(DurableTaskOptions.Section)
            .GetValue(nameof(DurableTaskOptions.ShutdownTimeout), new DurableTaskOptions().ShutdownTimeout);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout);

        // Registered before the worker: hosted services start in order (the sidecar and task hub are up before the
        // worker connects) and stop in reverse (the worker lets go of its stream before the sidecar stops).
        services.AddSingleton<LocalSidecar>();
        services.AddHostedService(provider => provider.GetRequiredService<LocalSidecar>());

        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registerTasks);
            worker.UseGrpc();
            services.AddOptions<GrpcDurableTaskWorkerOptions>(worker.Name)
                .Configure<LocalSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        });

        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc();
            services.AddOptions<GrpcDurableTaskClientOptions>(client.Name)
                .Configure<LocalSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        });

        return builder;
    }
}
