using Scipion.Durable.Local;
using Scipion.Functions;
using Scipion.Storage;
using Scipion.Workflows;

namespace Scipion.LocalHost;

/// <summary>
/// The local stand-in for the Azure Functions host: an ASP.NET Core process on loopback serving the same
/// function classes, registered by the same <see cref="ApiServiceCollectionExtensions.AddScipionApi"/>.
/// </summary>
public static class LocalHostApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="environment">Development unless given here or by ASPNETCORE_ENVIRONMENT / DOTNET_ENVIRONMENT.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null, string? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environments.Development;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrl);
        builder.Services.AddMvcCore();
        builder.Services.AddProblemDetails();
        builder.Services.AddScipionApi(builder.Configuration, builder.Environment);
        AddPlatformEmulation(builder);

        // The Functions host keeps the task hub in AzureWebJobsStorage; locally that is the project storage unless set apart.
        builder.Configuration[DurableTaskOptions.StorageConnectionStringKey] ??= builder.Configuration[ProjectStorageSettings.Section];
        builder.AddLocalDurableTask(WorkflowTasks.Register);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseProblemResponses();
        app.UseDotSegmentRefusal();
        app.UseWebPage();
        app.MapHttpFunctions(typeof(ApiServiceCollectionExtensions).Assembly);
        return app;
    }

    /// <summary>What Azure's platform does for the Functions app: run queue triggers, raise blob events (Event Grid), set blob CORS (Bicep).</summary>
    private static void AddPlatformEmulation(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LocalHostOptions>()
            .Bind(builder.Configuration.GetSection(LocalHostOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        foreach (var function in QueueFunction.Discover(typeof(ApiServiceCollectionExtensions).Assembly))
        {
            builder.Services.AddSingleton(function);
        }

        builder.Services.AddHostedService<QueueFunctionListener>();
        if (builder.Configuration.GetSection(LocalHostOptions.Section).GetValue(nameof(LocalHostOptions.ConfigureBlobCors), true))
        {
            builder.Services.AddHostedService<BlobCorsInitializer>();
        }

        if (builder.Configuration.GetSection(LocalHostOptions.Section).GetValue(nameof(LocalHostOptions.EmitBlobEvents), true))
        {
            builder.Services.AddHostedService<BlobEventEmitter>();
        }
    }
}
