using System.Globalization;
using System.Text.Json.Nodes;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;

namespace Scipion.Compute.AzureBatch;

/// <summary>The Tasks_CreateTask body (<c>BatchTaskCreateContent</c> in the spec) for one step.</summary>
internal static class BatchTaskContent
{
    /// <param name="inputs">Read SAS URLs of the project files the job reads: Batch downloads them before the task starts.</param>
    /// <param name="outputs">A create + write SAS on the project's container: Batch uploads the job's outputs there when it ends.</param>
    public static JsonObject For(JobDescription job, NodeWorkspace workspace, PoolChoice pool, BatchOptions options, IReadOnlyList<SiteFile> inputs, Uri outputs)
    {
        var task = new JsonObject
        {
            ["id"] = BatchIds.TaskFor(job.Id),
            ["displayName"] = job.JobFolder.Replace('\\', '/'),
            ["commandLine"] = Shell.BashCommandLine(TaskScript.For(job, workspace, pool, options)),
            ["environmentSettings"] = new JsonArray(
                Setting("OMP_NUM_THREADS", job.Resources.Threads.ToString(CultureInfo.InvariantCulture))),
            ["constraints"] = new JsonObject
            {
                ["maxWallClockTime"] = IsoDuration.Of(job.Resources.WallTime),
                ["retentionTime"] = IsoDuration.Of(options.TaskRetention),
                ["maxTaskRetryCount"] = options.MaxTaskRetryCount,
            },
            // Every task runs as the same pool-wide user: files on the shared mount keep one owner, and multi-instance
            // tasks need the pool-scoped user's SSH keys for mpirun to reach the other nodes.
            ["userIdentity"] = new JsonObject
            {
                ["autoUser"] = new JsonObject { ["scope"] = "pool", ["elevationLevel"] = "nonadmin" },
            },
            // Staging in: each input through its own read SAS, into the task's folder (the script copies it to scratch).
            ["resourceFiles"] = new JsonArray([.. inputs.Select(input => (JsonNode)new JsonObject
            {
                ["httpUrl"] = input.Url.ToString(),
                ["filePath"] = $"{TaskScript.StageFolder}/{input.Path}",
            })]),
            // Staging out: whatever the job left in its output folder, however it ended (the logs of a failed job too).
            ["outputFiles"] = new JsonArray(new JsonObject
            {
                ["filePattern"] = $"{TaskScript.OutputsFolder}/**/*",
                ["destination"] = new JsonObject
                {
                    ["container"] = new JsonObject
                    {
                        ["path"] = job.OutputFolder.Replace('\\', '/'),
                        ["containerUrl"] = outputs.ToString(),
                    },
                },
                ["uploadOptions"] = new JsonObject { ["uploadCondition"] = "taskcompletion" },
            }),
        };

        if (pool.IsMultiInstance)
        {
            // The spec requires requiredSlots to be 1 (its default) for multi-instance tasks, so it is left out.
            task["multiInstanceSettings"] = new JsonObject
            {
                ["numberOfInstances"] = pool.Nodes,
                ["coordinationCommandLine"] = TaskScript.Coordination(options),
            };
        }
        else if (job.Resources.Gpus > 0 && pool.Capabilities is { TaskSlotsPerNode: > 1 } gpuPool)
        {
            // A GPU job takes the whole node, so no other task competes for its GPUs.
            task["requiredSlots"] = gpuPool.TaskSlotsPerNode;
        }

        if (!string.IsNullOrWhiteSpace(options.ContainerImage))
        {
            string run = job.Resources.Gpus > 0 ? $"{options.ContainerRunOptions} --gpus all".Trim() : options.ContainerRunOptions;
            task["containerSettings"] = new JsonObject
            {
                ["imageName"] = options.ContainerImage,
                ["containerRunOptions"] = run,
            };
        }

        return task;
    }

    private static JsonObject Setting(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
