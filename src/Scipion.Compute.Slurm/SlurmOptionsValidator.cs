using Microsoft.Extensions.Options;

namespace Scipion.Compute.Slurm;

/// <summary>Rejects settings that would only fail later, at the first job, with a less helpful message.</summary>
public sealed class SlurmOptionsValidator : IValidateOptions<SlurmOptions>
{
    public ValidateOptionsResult Validate(string? name, SlurmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{SlurmOptions.Section}:CommandTimeout must be between 0 and 10 minutes; it is {options.CommandTimeout}.");
        }

        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            problems.Add($"{SlurmOptions.Section}:StateDirectory is required.");
        }

        if (!options.MpiLauncher.Contains("{ranks}", StringComparison.Ordinal))
        {
            problems.Add($"{SlurmOptions.Section}:MpiLauncher must contain {{ranks}}; it is '{options.MpiLauncher}'.");
        }

        if (options.LogTailLines < 1)
        {
            problems.Add($"{SlurmOptions.Section}:LogTailLines must be at least 1.");
        }

        if (options.ConfigFile.Length > 0 && !File.Exists(options.ConfigFile))
        {
            problems.Add($"{SlurmOptions.Section}:ConfigFile '{options.ConfigFile}' does not exist.");
        }

        if (options.DefaultPartition.Length > 0 && options.Partitions.Count > 0 && !options.Partitions.Contains(options.DefaultPartition))
        {
            problems.Add($"{SlurmOptions.Section}:DefaultPartition '{options.DefaultPartition}' is not one of {SlurmOptions.Section}:Partitions ({string.Join(", ", options.Partitions)}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
