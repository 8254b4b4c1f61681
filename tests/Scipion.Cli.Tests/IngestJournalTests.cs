namespace Scipion.Cli.Tests;

[Collection(CliHostCollection.Name)]
public sealed class IngestJournalTests(CliHostFixture fixture)
{
    [Fact]
    public async Task A_second_agent_on_the_same_acquisition_folder_stops_at_once_saying_why()
    {
        var (cli, _, projectId) = await SignedIn.WithProjectAsync(fixture, "Two agents");
        var acquisition = Directory.CreateTempSubdirectory("acq-").FullName;
        var first = cli.RunAsync("ingest", acquisition, "--project", projectId, "--exit-when-idle", "4");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var second = await cli.RunAsync("ingest", acquisition, "--project", projectId, "--exit-when-idle", "1");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("cannot write the ingest journal", second.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await first).ExitCode);
    }

    [Fact]
    public async Task An_acquisition_folder_that_does_not_exist_is_an_error_naming_it()
    {
        var (cli, _, projectId) = await SignedIn.WithProjectAsync(fixture, "Missing");
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-acquisition-{Guid.NewGuid():N}");

        var result = await cli.RunAsync("ingest", missing, "--project", projectId);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }
}
