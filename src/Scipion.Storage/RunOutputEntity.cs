using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Scipion.Storage;

/// <summary>
/// One row per output file of a run, beside the run's row: row key <c>{runId}~o{hash of the path}</c> (a key cannot
/// hold '/'). As one compressed column, a streaming run's outputs would outgrow a table property after some
/// hundreds of movies; as rows, publishing a movie writes only that movie's new files.
/// </summary>
internal sealed class RunOutputEntity : ITableEntity
{
    private const string Marker = "~o";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = RunRowKinds.Output;

    public string RunId { get; set; } = string.Empty;

    public string Path { get; set; } = string.Empty;

    public static string KeyOf(string runId, string path) =>
        runId + Marker + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..40];

    /// <summary>Every output row of one run: keys after "{runId}~o" and before "{runId}~p".</summary>
    public static string RangeFilter(string projectId, string runId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and RowKey gt {runId + Marker} and RowKey lt {runId + "~p"}");

    public static RunOutputEntity From(string projectId, string runId, string path) => new()
    {
        PartitionKey = projectId,
        RowKey = KeyOf(runId, path),
        RunId = runId,
        Path = path,
    };
}
