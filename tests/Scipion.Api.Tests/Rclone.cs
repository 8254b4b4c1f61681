using System.Diagnostics;

namespace Scipion.Api.Tests;

/// <summary>
/// rclone (Debian's package), a third-party bulk transfer client, run as a user would with nothing but a container
/// SAS URL from <c>POST …/transfer-url</c>: the azureblob backend with <c>sas_url</c>, the remote path naming the container.
/// </summary>
public static class Rclone
{
    public sealed record Outcome(int ExitCode, string Output)
    {
        public override string ToString() => $"rclone exited {ExitCode}:\n{Output}";
    }

    /// <summary>Runs <c>rclone {arguments}</c> with <paramref name="sasUrl"/> as the azureblob backend's SAS URL.</summary>
    public static async Task<Outcome> RunAsync(string sasUrl, params string[] arguments)
    {
        var start = new ProcessStartInfo("rclone")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No config file: the backend is the on-the-fly remote ":azureblob:", configured through the environment.
        start.Environment["RCLONE_CONFIG"] = Path.Combine(Path.GetTempPath(), $"rclone-none-{Guid.NewGuid():N}.conf");
        start.Environment["RCLONE_AZUREBLOB_SAS_URL"] = sasUrl;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("rclone did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The remote for a container SAS URL: the azureblob backend and the URL's container.</summary>
    public static string Remote(string sasUrl, string path = "") =>
        $":azureblob:{new Azure.Storage.Blobs.BlobUriBuilder(new Uri(sasUrl)).BlobContainerName}/{path}";
}
