using System.CommandLine;
using System.Text.Json.Nodes;
using Scipion.Cli.Api;
using Spectre.Console;

namespace Scipion.Cli.Commands;

public static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("runs", "Start, list, watch and cancel runs of web tools and pipelines");
        command.Subcommands.Add(Start(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Watch(context));
        command.Subcommands.Add(Cancel(context));
        return command;
    }

    private static Option<string> ProjectOption() => new("--project", "-p") { Description = "The project's id", Required = true };

    private static Command Start(CliContext context)
    {
        var project = ProjectOption();
        var tool = new Option<string>("--tool") { Description = "movie-alignment, first-map, resolution-map or pipeline", Required = true };
        var inputs = new Option<string[]>("--input") { Description = "An input as key=value, e.g. movies=Movies/*.mrcs (repeatable)", AllowMultipleArgumentsPerToken = false };
        var parameters = new Option<string[]>("--param") { Description = "A parameter as key=value; JSON values allowed, e.g. patches=[1,1] (repeatable)" };
        var watch = new Option<bool>("--watch") { Description = "Follow the run until it ends" };
        var command = new Command("start", "Start a run; prints its id") { project, tool, inputs, parameters, watch };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            var api = new ClientFactory(context).Api();
            var request = new JsonObject
            {
                ["tool"] = parse.GetValue(tool),
                ["inputs"] = KeyValues.ToObject(parse.GetValue(inputs) ?? []),
                ["parameters"] = KeyValues.ToObject(parse.GetValue(parameters) ?? []),
            };
            var started = await api.StartRunAsync(parse.GetValue(project)!, request, cancel);
            context.WriteLine(started.RunId);
            return parse.GetValue(watch) ? await RunWatcher.WatchAsync(context, api, parse.GetValue(project)!, started.RunId, TimeSpan.FromSeconds(1), cancel) : 0;
        }, ct));
        return command;
    }

    private static Command List(CliContext context)
    {
        var project = ProjectOption();
        var command = new Command("list", "Runs in a project") { project };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            var runs = await new ClientFactory(context).Api().ListRunsAsync(parse.GetValue(project)!, cancel);
            var table = new Table().AddColumns("run", "tool", "status", "created", "steps", "outputs");
            foreach (var run in runs.OrderBy(r => r.CreatedAt))
            {
                table.AddRow(run.RunId, run.Tool, RunWatcher.Colour(run.Status), run.CreatedAt.ToString("u"), run.Steps.Count.ToString(), run.Outputs.Count.ToString());
            }

            context.Console.Write(table);
            return 0;
        }, ct));
        return command;
    }

    private static Command Watch(CliContext context)
    {
        var project = ProjectOption();
        var runId = new Argument<string>("run") { Description = "The run's id" };
        var interval = new Option<double>("--interval") { Description = "Seconds between polls", DefaultValueFactory = _ => 1.0 };
        var command = new Command("watch", "Show a run's steps and progress live until it ends; exits 0 only if it completed") { project, runId, interval };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(context, cancel =>
            RunWatcher.WatchAsync(context, new ClientFactory(context).Api(), parse.GetValue(project)!, parse.GetValue(runId)!, TimeSpan.FromSeconds(Math.Max(0.2, parse.GetValue(interval))), cancel), ct));
        return command;
    }

    private static Command Cancel(CliContext context)
    {
        var project = ProjectOption();
        var runId = new Argument<string>("run") { Description = "The run's id" };
        var command = new Command("cancel", "Ask a run to stop") { project, runId };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            await new ClientFactory(context).Api().CancelRunAsync(parse.GetValue(project)!, parse.GetValue(runId)!, cancel);
            context.WriteLine($"cancel requested for {parse.GetValue(runId)}");
            return 0;
        }, ct));
        return command;
    }
}
