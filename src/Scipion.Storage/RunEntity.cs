using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Scipion.Core.Runs;

namespace Scipion.Storage;

/// <summary>
/// The run's own row (partition = project, row = run id); its steps and outputs have rows of their own
/// (<see cref="RunStepEntity"/>, <see cref="RunOutputEntity"/>), since a streaming run adds to both with every movie.
/// The input files, fixed when the run starts, are stored gzip-compressed: a table property holds 64 KiB, and file
/// names compress very well.
/// </summary>
internal sealed class RunEntity : ITableEntity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Tool { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public string Inputs { get; set; } = "{}";

    public string Parameters { get; set; } = "{}";

    public byte[] InputFiles { get; set; } = [];

    public string? Error { get; set; }

    public string Kind { get; set; } = RunRowKinds.Run;

    public static RunEntity From(Run run) => new()
    {
        PartitionKey = run.ProjectId,
        RowKey = run.RunId,
        Tool = run.Tool,
        Status = run.Status.ToString(),
        CreatedAt = run.CreatedAt,
        UpdatedAt = run.UpdatedAt,
        CreatedBy = run.CreatedBy,
        Inputs = run.Inputs.ToJsonString(),
        Parameters = run.Parameters.ToJsonString(),
        InputFiles = Compress(run.InputFiles),
        Error = run.Error is null ? null : JsonSerializer.Serialize(run.Error, Json),
    };

    public Run ToRun(IReadOnlyList<RunStep> steps, IReadOnlyList<string> outputs) => new(
        PartitionKey,
        RowKey,
        Tool,
        Enum.Parse<RunStatus>(Status),
        CreatedAt,
        UpdatedAt,
        CreatedBy,
        JsonNode.Parse(Inputs)!.AsObject(),
        JsonNode.Parse(Parameters)!.AsObject(),
        Decompress(InputFiles),
        steps,
        outputs,
        Error is null ? null : JsonSerializer.Deserialize<RunProblem>(Error, Json));

    private static byte[] Compress(IReadOnlyList<string> items)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            JsonSerializer.Serialize(gzip, items);
        }

        return buffer.ToArray();
    }

    private static string[] Decompress(byte[] data)
    {
        if (data.Length == 0)
        {
            return [];
        }

        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<string[]>(gzip) ?? [];
    }
}
