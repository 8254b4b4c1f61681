using System.ComponentModel;
using System.Diagnostics;

namespace Scipion.Compute.Slurm;

/// <summary>Runs one Slurm command with a deadline; a controller that is down must fail a call, not hang it.</summary>
internal sealed class SlurmCli(SlurmOptions options)
{
    // What the tools print when slurmctld cannot be reached (22.05: "Unable to contact slurm controller (connect failure)").
    private static readonly string[] UnreachableSigns =
    [
        "Unable to contact slurm controller",
        "Socket timed out",
        "Could not establish a configuration source",
        "Zero Bytes were transmitted or received",
        "Munge encode failed",
    ];

    public async Task<SlurmResult> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        string program = options.BinDirectory.Length > 0 ? Path.Combine(options.BinDirectory, tool) : tool;
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (options.ConfigFile.Length > 0)
        {
            start.Environment["SLURM_CONF"] = options.ConfigFile;
        }

        string described = $"{tool} {string.Join(' ', start.ArgumentList)}";
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new SlurmUnreachableException(
                $"Slurm is unreachable: {tool} could not be started ({e.Message}). Install Slurm's tools (scripts/install-slurm.sh) or set {SlurmOptions.Section}:BinDirectory.", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.CommandTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new SlurmUnreachableException(
                $"Slurm is unreachable: '{described}' did not answer within {options.CommandTimeout.TotalSeconds:0} s. Is slurmctld running?");
        }

        var result = new SlurmResult(process.ExitCode, (await stdout.ConfigureAwait(false)).Trim(), (await stderr.ConfigureAwait(false)).Trim());
        if (result.ExitCode != 0 && UnreachableSigns.Any(s => result.Error.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SlurmUnreachableException($"Slurm is unreachable: '{described}' failed: {result.Error}");
        }

        return result;
    }
}

internal sealed record SlurmResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}
