using Microsoft.Extensions.Options;

namespace Scipion.SiteAgent;

/// <summary>An agent that cannot reach its queues should stop at start, saying which setting is missing.</summary>
public sealed class SiteAgentOptionsValidator : IValidateOptions<SiteAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        string s = SiteAgentOptions.Section;
        if (options.Transport == SiteTransportKind.ServiceBus)
        {
            problems.AddRange(ServiceBusProblems(options.ServiceBus));
        }
        else if (options.ConnectionString.Length == 0 && (options.JobsQueueUrl.Length == 0 || options.ReportsQueueUrl.Length == 0 || options.CancelsQueueUrl.Length == 0))
        {
            problems.Add($"Set {s}:JobsQueueUrl, {s}:ReportsQueueUrl and {s}:CancelsQueueUrl (queue SAS URLs), or {s}:ConnectionString for development.");
        }

        foreach (var (setting, url) in new[] { ("JobsQueueUrl", options.JobsQueueUrl), ("ReportsQueueUrl", options.ReportsQueueUrl), ("CancelsQueueUrl", options.CancelsQueueUrl) })
        {
            if (url.Length > 0 && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                problems.Add($"{s}:{setting} is not an absolute URL.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.WorkRoot))
        {
            problems.Add($"{s}:WorkRoot is required: a folder on the filesystem the Slurm nodes share.");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.Lease < TimeSpan.FromSeconds(30) || options.Lease > TimeSpan.FromDays(7))
        {
            problems.Add($"{s}:PollInterval must be positive and {s}:Lease between 30 seconds and 7 days.");
        }

        if (options.Transport == SiteTransportKind.ServiceBus && options.Lease > TimeSpan.FromMinutes(5))
        {
            // The agent renews the session lock every half lease; Service Bus locks last at most 5 minutes.
            problems.Add($"{s}:Lease must be at most 5 minutes with Service Bus (its longest lock) and at most the jobs queue's lockDuration.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.MaxDeliveries < 1)
        {
            problems.Add($"{s}:RetryDelay must not be negative and {s}:MaxDeliveries must be at least 1.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> ServiceBusProblems(SiteServiceBusOptions bus)
    {
        string s = $"{SiteAgentOptions.Section}:ServiceBus";
        if (Uri.CheckHostName(bus.FullyQualifiedNamespace) != UriHostNameType.Dns || !bus.FullyQualifiedNamespace.Contains('.', StringComparison.Ordinal))
        {
            yield return $"{s}:FullyQualifiedNamespace must be the namespace's host name, e.g. sb-abc.servicebus.windows.net (got '{bus.FullyQualifiedNamespace}').";
        }

        if (string.IsNullOrWhiteSpace(bus.JobsQueue) || string.IsNullOrWhiteSpace(bus.ReportsQueue))
        {
            yield return $"{s}:JobsQueue and {s}:ReportsQueue must name the queues.";
        }
    }
}
