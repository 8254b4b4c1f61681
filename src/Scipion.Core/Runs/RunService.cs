using System.Text.Json.Nodes;
using Scipion.Core.Errors;
using Scipion.Core.Files;
using Scipion.Core.Identity;
using Scipion.Core.Projects;

namespace Scipion.Core.Runs;

/// <summary>Starting, following and cancelling runs of web tools, with the access rules applied.</summary>
public sealed class RunService(
    ProjectService projects,
    IProjectFolder folder,
    IRunRepository runs,
    IToolCatalog tools,
    IWorkflowEngine engine,
    TimeProvider clock)
{
    public IReadOnlyList<ToolInfo> Tools => tools.Tools;

    public async Task<Run> StartAsync(Caller caller, string projectId, string? tool, JsonObject? inputs, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Write, cancellationToken);
        var info = tools.Tools.FirstOrDefault(t => t.Name == tool)
            ?? throw ScipionError.Invalid("tool", $"Unknown tool '{tool}'; the tools are {string.Join(", ", tools.Tools.Select(t => $"'{t.Name}'"))}.");
        inputs ??= [];
        var validated = tools.ValidateParameters(info.Name, parameters ?? []);
        var streaming = validated["streaming"] is JsonValue s && s.TryGetValue<bool>(out var on) && on;
        var files = await ResolveInputsAsync(project.Id, info, inputs, allowEmptyGlobs: streaming, cancellationToken);

        var now = clock.GetUtcNow();
        var run = new Run(project.Id, RunId.New(clock), info.Name, RunStatus.Pending, now, now, caller.UserId,
            (JsonObject)inputs.DeepClone(), validated, files, [], [], null);
        await runs.CreateAsync(run, cancellationToken);
        await engine.StartAsync(run, cancellationToken);
        return run;
    }

    public async Task<IReadOnlyList<Run>> ListAsync(Caller caller, string projectId, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Read, cancellationToken);
        return await runs.ListAsync(project.Id, cancellationToken);
    }

    public async Task<Run> GetAsync(Caller caller, string projectId, string runId, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Read, cancellationToken);
        return await FindAsync(project.Id, runId, cancellationToken);
    }

    public async Task<Run> CancelAsync(Caller caller, string projectId, string runId, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Write, cancellationToken);
        var run = await FindAsync(project.Id, runId, cancellationToken);
        if (!run.Status.IsFinished())
        {
            await engine.CancelAsync(run, cancellationToken);
        }

        return run;
    }

    private async Task<Run> FindAsync(string projectId, string runId, CancellationToken cancellationToken) =>
        (RunId.IsWellFormed(runId) ? await runs.FindAsync(projectId, runId, cancellationToken) : null)
        ?? throw ScipionError.NotFound($"Run '{runId}'");

    private async Task<IReadOnlyList<string>> ResolveInputsAsync(string projectId, ToolInfo tool, JsonObject inputs, bool allowEmptyGlobs, CancellationToken cancellationToken)
    {
        var errors = new Validation();
        var files = new List<string>();
        foreach (var name in inputs.Select(i => i.Key).Where(k => tool.Inputs.All(i => i.Name != k)))
        {
            errors.Add($"inputs.{name}", $"'{tool.Name}' has no input '{name}'; its inputs are {string.Join(", ", tool.Inputs.Select(i => i.Name))}.");
        }

        foreach (var input in tool.Inputs)
        {
            var field = $"inputs.{input.Name}";
            var value = inputs[input.Name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (value is null)
            {
                if (inputs[input.Name] is not null || input.Required)
                {
                    errors.Add(field, input.Required ? $"'{input.Name}' is required: {input.Description}" : $"'{input.Name}' must be a string.");
                }

                continue;
            }

            try
            {
                files.AddRange(input.Kind == ToolInputKind.Glob
                    ? await MatchGlobAsync(projectId, input, value, allowEmptyGlobs, cancellationToken)
                    : [await FindFileAsync(projectId, input, value, cancellationToken)]);
            }
            catch (ScipionError error) when (error.Kind == ErrorKind.Validation)
            {
                errors.Add(field, error.Message);
            }
        }

        errors.ThrowIfAny();
        return files;
    }

    private async Task<IEnumerable<string>> MatchGlobAsync(string projectId, ToolInput input, string pattern, bool allowEmpty, CancellationToken cancellationToken)
    {
        var glob = PathGlob.Parse(pattern, $"inputs.{input.Name}");
        var listed = await folder.ListAsync(projectId, ProjectPath.ParsePrefix(glob.LiteralPrefix), cancellationToken);
        var matched = listed.Select(f => f.Path).Where(glob.Matches).Where(p => HasExtension(p, input)).Order(StringComparer.Ordinal).ToList();
        if (matched.Count == 0 && !allowEmpty)
        {
            throw ScipionError.Invalid($"inputs.{input.Name}",
                $"'{pattern}' matches no {string.Join("/", input.Extensions)} file in the project.");
        }

        return matched;
    }

    private async Task<string> FindFileAsync(string projectId, ToolInput input, string value, CancellationToken cancellationToken)
    {
        var path = ProjectPath.ParseFile(value, $"inputs.{input.Name}");
        if (!HasExtension(path.Value, input))
        {
            throw ScipionError.Invalid($"inputs.{input.Name}", $"'{value}' is not a {string.Join("/", input.Extensions)} file.");
        }

        if (await folder.FindAsync(projectId, path, cancellationToken) is null)
        {
            throw ScipionError.Invalid($"inputs.{input.Name}", $"'{value}' does not exist in the project.");
        }

        return path.Value;
    }

    private static bool HasExtension(string path, ToolInput input) =>
        input.Extensions.Count == 0 || input.Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
