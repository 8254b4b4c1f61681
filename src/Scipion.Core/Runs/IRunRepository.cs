namespace Scipion.Core.Runs;

public interface IRunRepository
{
    Task CreateAsync(Run run, CancellationToken cancellationToken);

    Task<Run?> FindAsync(string projectId, string runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Run>> ListAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Reads, changes and writes the run, retrying when another writer got there first.</summary>
    Task<Run> UpdateAsync(string projectId, string runId, Func<Run, Run> change, CancellationToken cancellationToken);
}
