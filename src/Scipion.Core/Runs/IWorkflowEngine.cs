namespace Scipion.Core.Runs;

/// <summary>Starts and steers the durable orchestrations behind runs (the Durable Task Framework in every host).</summary>
public interface IWorkflowEngine
{
    /// <summary>Starts the run's orchestration; starting one that already exists does nothing.</summary>
    Task StartAsync(Run run, CancellationToken cancellationToken);

    Task CancelAsync(Run run, CancellationToken cancellationToken);

    /// <summary>Tells a streaming run that a new movie arrived; the run takes each path once, whoever tells it.</summary>
    Task NotifyNewFileAsync(Run run, NewFile file, CancellationToken cancellationToken);
}

public sealed record NewFile(string Path, string ETag, long Size);
