using Azure;
using Azure.Data.Tables;
using Scipion.Core;
using Scipion.Core.Runs;

namespace Scipion.Storage;

public sealed class TableRunRepository(TableServiceClient tables) : IRunRepository
{
    private const int MaxUpdateAttempts = 10;

    private readonly TableClient _runs = tables.GetTableClient(StorageNames.RunsTable);

    public Task CreateAsync(Run run, CancellationToken cancellationToken) =>
        _runs.AddEntityAsync(RunEntity.From(run), cancellationToken);

    public async Task<Run?> FindAsync(string projectId, string runId, CancellationToken cancellationToken) =>
        (await FindEntityAsync(projectId, runId, cancellationToken))?.ToRun();

    public async Task<IReadOnlyList<Run>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var runs = new List<Run>();
        await foreach (var entity in _runs.QueryAsync<RunEntity>(r => r.PartitionKey == projectId, cancellationToken: cancellationToken))
        {
            runs.Add(entity.ToRun());
        }

        return [.. runs.OrderByDescending(r => r.CreatedAt)];
    }

    public async Task<Run> UpdateAsync(string projectId, string runId, Func<Run, Run> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindEntityAsync(projectId, runId, cancellationToken)
                ?? throw new InvalidOperationException($"Run {projectId}/{runId} does not exist.");
            var changed = RunEntity.From(change(current.ToRun()));
            try
            {
                await _runs.UpdateEntityAsync(changed, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return changed.ToRun();
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxUpdateAttempts)
            {
                // Two steps of a fanned-out run finished at once; read the other's write and apply ours on top.
            }
        }
    }

    private async Task<RunEntity?> FindEntityAsync(string projectId, string runId, CancellationToken cancellationToken)
    {
        var response = await _runs.GetEntityIfExistsAsync<RunEntity>(projectId, runId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
