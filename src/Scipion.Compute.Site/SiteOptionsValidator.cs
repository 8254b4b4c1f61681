using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Scipion.Compute.Site;

/// <summary>A site whose queues cannot exist, or whose name cannot be a placement, stops the host at start.</summary>
public sealed partial class SiteOptionsValidator : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        string s = SiteOptions.Section;
        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.Contains('/', StringComparison.Ordinal))
        {
            problems.Add($"{s}:Name must be a backend name without '/' (placements read 'backend/queue').");
        }

        foreach (var (setting, queue) in new[] { ("JobsQueue", options.JobsQueue), ("CancelsQueue", options.CancelsQueue) })
        {
            if (!QueueName().IsMatch(queue) || queue.Contains("--", StringComparison.Ordinal))
            {
                problems.Add($"{s}:{setting} = '{queue}' is not a storage queue name (3-63 lowercase letters, digits and single dashes).");
            }
        }

        if (options.JobsQueue == options.CancelsQueue)
        {
            problems.Add($"{s}:JobsQueue and {s}:CancelsQueue must differ: the agent reads cancels while a job runs.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueueName();
}
