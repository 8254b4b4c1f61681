using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scipion.Compute.Slurm;
using Scipion.SiteAgent;

// A facility runs this next to its Slurm: it calls out to the platform's queues (Storage or Service Bus, per
// SiteAgent:Transport) and blob storage, nothing calls in.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddOptions<SiteAgentOptions>()
    .Bind(builder.Configuration.GetSection(SiteAgentOptions.Section))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<SiteAgentOptions>, SiteAgentOptionsValidator>();
builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<SiteAgentOptions>>().Value);
builder.Services.AddSlurmCompute(builder.Configuration);
builder.Services.AddSingleton(provider => SiteTransports.Create(provider.GetRequiredService<SiteAgentOptions>()));
builder.Services.AddSingleton(provider => new SiteJobRunner(
    provider.GetRequiredService<ISiteTransport>(),
    SiteTransports.Cancels(provider.GetRequiredService<SiteAgentOptions>(), provider.GetRequiredService<ILogger<SiteCancels>>()),
    provider.GetRequiredService<SiteAgentOptions>(),
    provider.GetRequiredService<SlurmBackend>(),
    provider.GetRequiredService<ILogger<SiteJobRunner>>()));
builder.Services.AddHostedService<SiteAgentWorker>();
await builder.Build().RunAsync();
