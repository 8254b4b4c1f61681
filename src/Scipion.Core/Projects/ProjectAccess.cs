using Scipion.Core.Errors;

namespace Scipion.Core.Projects;

/// <summary>
/// The access rules. Someone with no role gets "not found", never "forbidden", so a project's
/// existence is not revealed to strangers.
/// </summary>
public static class ProjectAccess
{
    public static ProjectRole RequiredRole(ProjectAction action) => action switch
    {
        ProjectAction.Read => ProjectRole.Reader,
        ProjectAction.Write => ProjectRole.Editor,
        ProjectAction.Administer => ProjectRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static bool Allows(Project project, string user, ProjectAction action) =>
        project.RoleOf(user) is { } role && role >= RequiredRole(action);

    public static void Demand(Project project, string user, ProjectAction action)
    {
        var role = project.RoleOf(user) ?? throw ScipionError.NotFound($"Project '{project.Id}'");
        var required = RequiredRole(action);
        if (role < required)
        {
            throw ScipionError.Forbidden(
                $"This needs the {required.ToWire()} role on project '{project.Id}'; you are {role.ToWire()}.");
        }
    }
}
