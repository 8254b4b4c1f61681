using System.Text.Json.Nodes;
using Scipion.Core.Compute;

namespace Scipion.Compute.AzureBatch;

/// <summary>The Jobs_CreateJob body (<c>BatchJobCreateContent</c> in the spec): a run's job on one pool.</summary>
internal static class BatchJobContent
{
    public const string ProjectMetadata = "scipion-project";
    public const string RunMetadata = "scipion-run";

    public static JsonObject For(JobDescription job, NodeWorkspace workspace, PoolChoice pool) => new()
    {
        ["id"] = BatchIds.JobFor(job.Id, pool.PoolId),
        ["displayName"] = $"Run {BatchIds.RunOf(job.Id)} of project {workspace.ProjectId}",
        ["priority"] = 0,
        ["poolInfo"] = new JsonObject { ["poolId"] = pool.PoolId },
        // Steps arrive one by one as the orchestration reaches them: the job must stay open between them.
        ["onAllTasksComplete"] = "noaction",
        // Metadata is how Batch cost exports and the portal tell whose compute this was.
        ["metadata"] = new JsonArray(
            new JsonObject { ["name"] = ProjectMetadata, ["value"] = workspace.ProjectId },
            new JsonObject { ["name"] = RunMetadata, ["value"] = BatchIds.RunOf(job.Id) }),
    };
}
