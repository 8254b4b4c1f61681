using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scipion.SiteAgent;

/// <summary>Runs the agent until the host stops; an unreachable queue is logged and retried, never fatal.</summary>
public sealed class SiteAgentWorker(SiteJobRunner agent, SiteAgentOptions options, ILogger<SiteAgentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await agent.RunNextAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The site agent could not take a job; trying again in {Interval}.", options.PollInterval);
                worked = false;
            }

            if (!worked)
            {
                await Task.Delay(options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
