using Azure;
using Azure.Data.Tables;
using Scipion.Core;
using Scipion.Core.Runs;

namespace Scipion.Storage;

/// <summary>
/// Runs in the runs table: a row per run, a row per step (<see cref="RunStepEntity"/>) and a row per output
/// (<see cref="RunOutputEntity"/>), in the project's partition. A change writes the run's row (guarded by its ETag)
/// and only the step and output rows that changed, in one entity-group transaction when it fits in one.
/// </summary>
public sealed class TableRunRepository(TableServiceClient tables) : IRunRepository
{
    // Every step of a fanned-out run writes the run's row: with n writers at once the last wins on its n-th try.
    private const int MaxUpdateAttempts = 30;

    // An entity-group transaction takes at most 100 operations; one is the run's own row.
    private const int MaxRowsPerTransaction = 99;

    private readonly TableClient _runs = tables.GetTableClient(StorageNames.RunsTable);

    public async Task CreateAsync(Run run, CancellationToken cancellationToken) =>
        await WriteAsync(new TableTransactionAction(TableTransactionActionType.Add, RunEntity.From(run)), RowChanges(run, null), cancellationToken);

    public async Task<Run?> FindAsync(string projectId, string runId, CancellationToken cancellationToken) =>
        (await FindStoredAsync(projectId, runId, cancellationToken))?.Run;

    public async Task<IReadOnlyList<Run>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var steps = await GroupByRunAsync<RunStepEntity>(projectId, RunRowKinds.Step, s => s.RunId, cancellationToken);
        var outputs = await GroupByRunAsync<RunOutputEntity>(projectId, RunRowKinds.Output, o => o.RunId, cancellationToken);
        var runs = new List<Run>();
        var runFilter = TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and Kind eq {RunRowKinds.Run}");
        await foreach (var entity in _runs.QueryAsync<RunEntity>(runFilter, cancellationToken: cancellationToken))
        {
            runs.Add(entity.ToRun(InOrder(steps.GetValueOrDefault(entity.RowKey) ?? []), InOrder(outputs.GetValueOrDefault(entity.RowKey) ?? [])));
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
                await WriteAsync(row, RowChanges(changed, current.Run), cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxUpdateAttempts)
            {
                // Another writer got there first: read its write and apply ours on top, after a random pause so
                // that writers who collided do not collide again in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }

    private async Task WriteAsync(TableTransactionAction row, IReadOnlyList<TableTransactionAction> rows, CancellationToken cancellationToken)
    {
        if (rows.Count <= MaxRowsPerTransaction)
        {
            await _runs.SubmitTransactionAsync([row, .. rows], cancellationToken);
            return;
        }

        // Too many rows for one transaction (a run's first publish, a cancel of a long streaming run): write them
        // first and the run's row last, so a reader never sees the run in a state its steps have not reached.
        foreach (var chunk in rows.Chunk(MaxRowsPerTransaction + 1))
        {
            await _runs.SubmitTransactionAsync(chunk, cancellationToken);
        }

        await _runs.SubmitTransactionAsync([row], cancellationToken);
    }

    /// <summary>The step and output rows to write or delete to go from <paramref name="before"/> (null: nothing stored) to <paramref name="after"/>.</summary>
    private static List<TableTransactionAction> RowChanges(Run after, Run? before)
    {
        var (project, run) = (after.ProjectId, after.RunId);
        var stepsBefore = before?.Steps ?? [];
        var actions = new List<TableTransactionAction>();
        for (var position = 0; position < after.Steps.Count; position++)
        {
            if (position >= stepsBefore.Count || stepsBefore[position] != after.Steps[position])
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, RunStepEntity.From(project, run, position, after.Steps[position])));
            }
        }

        for (var position = after.Steps.Count; position < stepsBefore.Count; position++)
        {
            actions.Add(Delete(project, RunStepEntity.KeyOf(run, position)));
        }

        var outputsBefore = (before?.Outputs ?? []).ToHashSet(StringComparer.Ordinal);
        var outputsAfter = after.Outputs.ToHashSet(StringComparer.Ordinal);
        actions.AddRange(outputsAfter.Where(o => !outputsBefore.Contains(o))
            .Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, RunOutputEntity.From(project, run, o))));
        actions.AddRange(outputsBefore.Where(o => !outputsAfter.Contains(o)).Select(o => Delete(project, RunOutputEntity.KeyOf(run, o))));
        return actions;
    }

    private static TableTransactionAction Delete(string projectId, string rowKey) =>
        new(TableTransactionActionType.Delete, new TableEntity(projectId, rowKey), ETag.All);

    private async Task<StoredRun?> FindStoredAsync(string projectId, string runId, CancellationToken cancellationToken)
    {
        var response = await _runs.GetEntityIfExistsAsync<RunEntity>(projectId, runId, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        var steps = await ReadAsync<RunStepEntity>(RunStepEntity.RangeFilter(projectId, runId), cancellationToken);
        var outputs = await ReadAsync<RunOutputEntity>(RunOutputEntity.RangeFilter(projectId, runId), cancellationToken);
        return new StoredRun(entity.ToRun(InOrder(steps), InOrder(outputs)), entity.ETag);
    }

    private async Task<List<T>> ReadAsync<T>(string filter, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var rows = new List<T>();
        await foreach (var row in _runs.QueryAsync<T>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<Dictionary<string, List<T>>> GroupByRunAsync<T>(string projectId, string kind, Func<T, string> runOf, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var rows = await ReadAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and Kind eq {kind}"), cancellationToken);
        return rows.GroupBy(runOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    private static RunStep[] InOrder(IEnumerable<RunStepEntity> steps) => [.. steps.OrderBy(s => s.Position).Select(s => s.ToStep())];

    private static string[] InOrder(IEnumerable<RunOutputEntity> outputs) => [.. outputs.Select(o => o.Path).Order(StringComparer.Ordinal)];

    private sealed record StoredRun(Run Run, ETag ETag);
}
