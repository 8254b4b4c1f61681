using System.CommandLine;
using System.Net;
using Scipion.Cli.Api;
using Scipion.Cli.Config;

namespace Scipion.Cli.Commands;

/// <summary>
/// Development hosts issue tokens themselves (POST /api/dev/token). Production hosts trust Entra ID only: the
/// token comes from --token or SCIPION_TOKEN (e.g. `az account get-access-token --resource api://…`); the CLI
/// does not pretend to run an Entra sign-in it cannot test here.
/// </summary>
public static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var host = new Option<string?>("--host") { Description = $"The host's base URL (default: the stored one, else {ConfigStore.DefaultHost})" };
        var user = new Option<string?>("--user") { Description = "Development hosts only: the user to sign in as" };
        var token = new Option<string?>("--token") { Description = "A bearer token to store as is (production: an Entra ID access token); SCIPION_TOKEN also works" };
        var command = new Command("login", "Sign in and remember the host and token in ~/.scipion/config.json") { host, user, token };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            var store = new ConfigStore(context);
            var config = store.Load();
            var baseUrl = parse.GetValue(host) ?? config.Host ?? ConfigStore.DefaultHost;
            var given = parse.GetValue(token) ?? context.Environment("SCIPION_TOKEN");
            if (!string.IsNullOrEmpty(given))
            {
                store.Save(new CliConfig(baseUrl, given, null, null));
                context.WriteLine($"stored a token for {baseUrl}");
                return 0;
            }

            var name = parse.GetValue(user) ?? Environment.UserName;
            var api = new ClientFactory(context).Api(baseUrl, tokenOverride: string.Empty);
            try
            {
                var issued = await api.DevelopmentTokenAsync(name, cancel);
                store.Save(new CliConfig(baseUrl, issued.AccessToken, name, issued.ExpiresAt));
                context.WriteLine($"signed in to {baseUrl} as {name} (development token, expires {issued.ExpiresAt:u})");
                return 0;
            }
            catch (ApiProblemException e) when (e.Status == HttpStatusCode.NotFound)
            {
                context.Error.WriteLine($"error: {baseUrl} is not a development host, so it issues no tokens itself.");
                context.Error.WriteLine("  Sign in with Entra ID and pass the access token: scipion login --token \"$(az account get-access-token --resource <api-app-id-uri> --query accessToken -o tsv)\"");
                return CommandRunner.Failed;
            }
        }, ct));
        return command;
    }
}
