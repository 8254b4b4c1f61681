using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Scipion.Core.Projects;

namespace Scipion.Storage;

/// <summary>One row per project; the members travel in one JSON column so a membership change is one atomic, ETag-guarded write.</summary>
internal sealed class ProjectEntity : ITableEntity
{
    public const string Row = "project";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string Members { get; set; } = "[]";

    public static ProjectEntity From(Project project) => new()
    {
        PartitionKey = project.Id,
        Name = project.Name,
        Description = project.Description,
        Owner = project.Owner,
        CreatedAt = project.CreatedAt,
        Members = JsonSerializer.Serialize(project.Members.Select(m => new StoredMember(m.User, m.Role.ToWire()))),
    };

    public Project ToProject()
    {
        var members = JsonSerializer.Deserialize<StoredMember[]>(Members) ?? [];
        return new Project(PartitionKey, Name, Description, Owner, CreatedAt,
            [.. members.Select(m => new ProjectMember(m.User, ProjectRoles.FromWire(m.Role) ?? ProjectRole.Reader))])
        {
            Version = ETag.ToString(),
        };
    }

    private sealed record StoredMember(string User, string Role);
}
