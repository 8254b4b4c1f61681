using System.CommandLine;
using Scipion.Cli.Api;
using Spectre.Console;

namespace Scipion.Cli.Commands;

public static class ProjectsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("projects", "List, create and share projects");

        var list = new Command("list", "Projects you own or are a member of");
        list.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            var projects = await new ClientFactory(context).Api().ListProjectsAsync(cancel);
            var table = new Table().AddColumns("id", "name", "owner", "members", "created");
            foreach (var p in projects)
            {
                table.AddRow(p.Id, Markup.Escape(p.Name), Markup.Escape(p.Owner), Markup.Escape(string.Join(", ", p.Members.Select(m => $"{m.User} ({m.Role})"))), p.CreatedAt.ToString("u"));
            }

            context.Console.Write(table);
            return 0;
        }, ct));

        var name = new Argument<string>("name") { Description = "The new project's name" };
        var description = new Option<string>("--description") { Description = "What the project is for", DefaultValueFactory = _ => string.Empty };
        var create = new Command("create", "Create a project; you become its owner") { name, description };
        create.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            var project = await new ClientFactory(context).Api().CreateProjectAsync(parse.GetValue(name)!, parse.GetValue(description)!, cancel);
            // The id alone on stdout, so scripts can capture it.
            context.WriteLine(project.Id);
            return 0;
        }, ct));

        var projectId = new Argument<string>("project") { Description = "The project's id" };
        var user = new Argument<string>("user") { Description = "The user to share with" };
        var role = new Option<string>("--role") { Description = "reader or editor", DefaultValueFactory = _ => "reader" };
        role.AcceptOnlyFromAmong("reader", "editor");
        var share = new Command("share", "Give a user a role in a project (owner only)") { projectId, user, role };
        share.SetAction((parse, ct) => CommandRunner.GuardAsync(context, async cancel =>
        {
            var project = await new ClientFactory(context).Api().ShareProjectAsync(parse.GetValue(projectId)!, parse.GetValue(user)!, parse.GetValue(role)!, cancel);
            context.WriteLine($"{parse.GetValue(user)} is now {parse.GetValue(role)} of {project.Name} ({project.Id})");
            return 0;
        }, ct));

        command.Subcommands.Add(list);
        command.Subcommands.Add(create);
        command.Subcommands.Add(share);
        return command;
    }
}
