using Azure;
using Azure.Data.Tables;
using Scipion.Core;
using Scipion.Core.Runs;

namespace Scipion.Storage;

/// <summary>
/// Runs in the runs table: a row per run and a row per step (<see cref="RunStepEntity"/>), in the project's
/// partition. A change writes the run's row (guarded by its ETag) and only the step rows that changed, in one
/// entity-group transaction when it fits in one.
/// </summary>
public sealed class TableRunRepository(TableServiceClient tables) : IRunRepository
{
    private const int MaxUpdateAttempts = 10;

    // An entity-group transaction takes at most 100 operations; one is the run's own row.
    private const int MaxStepsPerTransaction = 99;

    private readonly TableClient _runs = tables.GetTableClient(StorageNames.RunsTable);

    public async Task CreateAsync(Run run, CancellationToken cancellationToken)
    {
        var steps = StepChanges(run, [], run.Steps);
        await WriteAsync(new TableTransactionAction(TableTransactionActionType.Add, RunEntity.From(run)), steps, cancellationToken);
    }

    public async Task<Run?> FindAsync(string projectId, string runId, CancellationToken cancellationToken) =>
        (await FindStoredAsync(projectId, runId, cancellationToken))?.Run;

    public async Task<IReadOnlyList<Run>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var steps = new Dictionary<string, List<RunStepEntity>>(StringComparer.Ordinal);
        var stepFilter = TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and Kind eq {RunRowKinds.Step}");
        await foreach (var step in _runs.QueryAsync<RunStepEntity>(stepFilter, cancellationToken: cancellationToken))
        {
            (steps.TryGetValue(step.RunId, out var list) ? list : steps[step.RunId] = []).Add(step);
        }

        var runs = new List<Run>();
        var runFilter = TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and Kind eq {RunRowKinds.Run}");
        await foreach (var entity in _runs.QueryAsync<RunEntity>(runFilter, cancellationToken: cancellationToken))
        {
            runs.Add(entity.ToRun(InOrder(steps.GetValueOrDefault(entity.RowKey) ?? [])));
        }

        return [.. runs.OrderByDescending(r => r.CreatedAt)];
    }

    public async Task<Run> UpdateAsync(string projectId, string runId, Func<Run, Run> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindStoredAsync(projectId, runId, cancellationToken)
                ?? throw new InvalidOperationException($"Run {projectId}/{runId} does not exist.");
            var changed = change(current.Run);
            var row = new TableTransactionAction(TableTransactionActionType.UpdateReplace, RunEntity.From(changed), current.ETag);
            try
            {
                await WriteAsync(row, StepChanges(changed, current.Run.Steps, changed.Steps), cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxUpdateAttempts)
            {
                // Two steps of a fanned-out run finished at once; read the other's write and apply ours on top.
            }
        }
    }

    private async Task WriteAsync(TableTransactionAction row, IReadOnlyList<TableTransactionAction> steps, CancellationToken cancellationToken)
    {
        if (steps.Count <= MaxStepsPerTransaction)
        {
            await _runs.SubmitTransactionAsync([row, .. steps], cancellationToken);
            return;
        }

        // Too many step rows for one transaction (a cancel of a long streaming run): write them first, the run's
        // row last, so a reader never sees the run in a state its steps have not reached.
        foreach (var chunk in steps.Chunk(MaxStepsPerTransaction + 1))
        {
            await _runs.SubmitTransactionAsync(chunk, cancellationToken);
        }

        await _runs.SubmitTransactionAsync([row], cancellationToken);
    }

    private static List<TableTransactionAction> StepChanges(Run run, IReadOnlyList<RunStep> before, IReadOnlyList<RunStep> after)
    {
        var actions = new List<TableTransactionAction>();
        for (var position = 0; position < after.Count; position++)
        {
            if (position >= before.Count || before[position] != after[position])
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, RunStepEntity.From(run.ProjectId, run.RunId, position, after[position])));
            }
        }

        for (var position = after.Count; position < before.Count; position++)
        {
            var key = new TableEntity(run.ProjectId, RunStepEntity.KeyOf(run.RunId, position));
            actions.Add(new(TableTransactionActionType.Delete, key, ETag.All));
        }

        return actions;
    }

    private async Task<StoredRun?> FindStoredAsync(string projectId, string runId, CancellationToken cancellationToken)
    {
        var response = await _runs.GetEntityIfExistsAsync<RunEntity>(projectId, runId, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        var steps = new List<RunStepEntity>();
        await foreach (var step in _runs.QueryAsync<RunStepEntity>(RunStepEntity.RangeFilter(projectId, runId), cancellationToken: cancellationToken))
        {
            steps.Add(step);
        }

        return new StoredRun(entity.ToRun(InOrder(steps)), entity.ETag);
    }

    private static RunStep[] InOrder(IEnumerable<RunStepEntity> steps) => [.. steps.OrderBy(s => s.Position).Select(s => s.ToStep())];

    private sealed record StoredRun(Run Run, ETag ETag);
}
