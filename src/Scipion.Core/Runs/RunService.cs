using System.Text.Json.Nodes;
using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Scipion.Core.Files;
using Scipion.Core.Formats;
using Scipion.Core.Identity;
using Scipion.Core.Projects;
using Scipion.Core.Tools;

namespace Scipion.Core.Runs;

/// <summary>Starting, following and cancelling runs of web tools, with the access rules applied.</summary>
public sealed class RunService(ProjectService projects, IProjectFolder folder, IRunRepository runs, ToolCatalog tools, ComputeRouter compute, TimeProvider clock)
{
    /// <summary>Parameters (not inputs) that name a project file.</summary>
    private static readonly string[] PathParameters = ["gainReference"];

    /// <summary>STAR inputs up to this size have their references checked when the run is requested.</summary>
    private const long MaxStarCheckedOnRequest = 16 * 1024 * 1024;

    public IReadOnlyList<IWebTool> Tools => tools.All;

    public async Task<Run> StartAsync(IWorkflowEngine engine, Caller caller, string projectId, string? tool, JsonObject? inputs, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Write, cancellationToken);
        var webTool = tools.Get(tool ?? string.Empty);
        webTool.Validate(inputs, parameters);
        compute.ValidateRun(parameters);
        inputs ??= [];
        parameters ??= [];
        var streaming = parameters["streaming"] is JsonValue s && s.TryGetValue<bool>(out var on) && on;
        var files = await ResolveInputsAsync(project.Id, webTool, inputs, parameters, allowEmptyGlobs: streaming, cancellationToken);

        var now = clock.GetUtcNow();
        var run = new Run(project.Id, RunId.New(clock), webTool.Name, RunStatus.Pending, now, now, caller.UserId,
            (JsonObject)inputs.DeepClone(), (JsonObject)parameters.DeepClone(), files, [], [], null);
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

    public async Task<Run> CancelAsync(IWorkflowEngine engine, Caller caller, string projectId, string runId, CancellationToken cancellationToken)
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

    /// <summary>
    /// The project files the inputs name, checked against the project folder now, so a run never starts on a file
    /// that is not there. Values with wildcards are globs; the others are single files.
    /// </summary>
    private async Task<IReadOnlyList<string>> ResolveInputsAsync(string projectId, IWebTool tool, JsonObject inputs, JsonObject parameters, bool allowEmptyGlobs, CancellationToken cancellationToken)
    {
        var errors = new Validation();
        var files = new List<string>();
        var declared = tool.InputsSchema["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
        foreach (var name in declared)
        {
            if (inputs[name] is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                continue;
            }

            var field = $"inputs.{name}";
            try
            {
                if (text.IndexOfAny(['*', '?']) >= 0)
                {
                    var matched = await MatchGlobAsync(projectId, text, field, cancellationToken);
                    if (matched.Count == 0 && !allowEmptyGlobs)
                    {
                        errors.Add(field, $"'{text}' matches no file in the project.");
                    }

                    files.AddRange(matched);
                }
                else if (await folder.FindAsync(projectId, ProjectPath.ParseFile(text, field), cancellationToken) is not { } file)
                {
                    errors.Add(field, $"'{text}' does not exist in the project.");
                }
                else
                {
                    await DemandProjectReferencesAsync(projectId, file, field, cancellationToken);
                    files.Add(text);
                }
            }
            catch (ScipionError error) when (error.Kind == ErrorKind.Validation)
            {
                errors.Add(field, error.Message);
            }
        }

        // Parameters that name a project file (a gain reference) are staged with the inputs.
        foreach (var name in PathParameters.Where(p => tool.ParametersSchema["properties"]?[p] is not null))
        {
            if (parameters[name] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                var field = $"parameters.{name}";
                if (ProjectPath.Problem(text, allowTrailingSlash: false) is { } problem)
                {
                    errors.Add(field, problem);
                }
                else if (await folder.FindAsync(projectId, ProjectPath.ParseFile(text, field), cancellationToken) is null)
                {
                    errors.Add(field, $"'{text}' does not exist in the project.");
                }
                else
                {
                    files.Add(text);
                }
            }
        }

        errors.ThrowIfAny();
        return files;
    }

    /// <summary>
    /// A STAR input names further files (particle stacks, movies), which RELION opens relative to the project: one
    /// that is not a project path is refused now, naming the file and line. Large tables are left to the run's own
    /// planning, which checks the same before it opens anything.
    /// </summary>
    private async Task DemandProjectReferencesAsync(string projectId, ProjectFile file, string field, CancellationToken cancellationToken)
    {
        if (!file.Path.EndsWith(".star", StringComparison.OrdinalIgnoreCase) || file.Size > MaxStarCheckedOnRequest)
        {
            return;
        }

        var local = Path.Combine(Path.GetTempPath(), $"scipion-star-{Guid.NewGuid():N}.star");
        try
        {
            await folder.DownloadAsync(projectId, ProjectPath.ParseFile(file.Path), local, cancellationToken);
            StarFile star;
            try
            {
                star = StarFile.Read(local);
            }
            catch (StarFormatException)
            {
                return; // Planning reports a broken STAR file with its line; only its references matter here.
            }

            StarReferences.Demand(file.Path, star, field);
        }
        finally
        {
            File.Delete(local);
        }
    }

    private async Task<IReadOnlyList<string>> MatchGlobAsync(string projectId, string pattern, string field, CancellationToken cancellationToken)
    {
        // A glob obeys the rules of a path, so it cannot reach outside the project either.
        ProjectPath.ParseFile(pattern, field);
        var wildcard = pattern.IndexOfAny(['*', '?']);
        var folderPrefix = pattern[..(pattern.LastIndexOf('/', wildcard) + 1)];
        var glob = ProjectGlob.Compile(pattern);
        var listed = await folder.ListAsync(projectId, ProjectPath.ParsePrefix(folderPrefix), cancellationToken);
        return [.. listed.Select(f => f.Path).Where(glob.IsMatch).Order(StringComparer.Ordinal)];
    }
}
