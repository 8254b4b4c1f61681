namespace Scipion.Cli.Tests;

/// <summary>A CLI signed in (development token) as a fresh user, with a project of its own.</summary>
public static class SignedIn
{
    public static async Task<(CliRun Cli, string User, string ProjectId)> WithProjectAsync(CliHostFixture fixture, string name)
    {
        var cli = new CliRun();
        var user = Scipion.Testing.ApiClient.NewUser("alice");
        var login = await cli.RunAsync("login", "--host", fixture.Host.BaseAddress.ToString(), "--user", user);
        Assert.True(login.ExitCode == 0, login.ToString());
        var created = await cli.RunAsync("projects", "create", name, "--description", "CLI test");
        Assert.True(created.ExitCode == 0, created.ToString());
        return (cli, user, created.Output.Trim());
    }
}
