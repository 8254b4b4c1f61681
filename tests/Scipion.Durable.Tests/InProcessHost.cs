using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Scipion.Durable.Local;
using Scipion.Durable.TestHost;

namespace Scipion.Durable.Tests;

/// <summary>A web application wired the way the local host is, inside the test process.</summary>
public static class InProcessHost
{
    public static WebApplication Build(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        // Port 0: tests run side by side and must not fight over the default 5000.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddLocalDurableTask(TestTasks.Register);
        return builder.Build();
    }

    public static Dictionary<string, string?> Settings(string connectionString, string hubName) => new()
    {
        [DurableTaskOptions.StorageConnectionStringKey] = connectionString,
        [$"{DurableTaskOptions.Section}:{nameof(DurableTaskOptions.HubName)}"] = hubName,
        [$"{DurableTaskOptions.Section}:{nameof(DurableTaskOptions.WorkerId)}"] = "in-process-test",
    };
}
