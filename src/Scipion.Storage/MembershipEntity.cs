using Azure;
using Azure.Data.Tables;

namespace Scipion.Storage;

/// <summary>
/// An index row (partition = user, row = project) so "my projects" is one partition query. The project row
/// stays the source of truth: a stale index row never grants access.
/// </summary>
internal sealed class MembershipEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public static MembershipEntity For(string user, string projectId) => new() { PartitionKey = user, RowKey = projectId };
}
