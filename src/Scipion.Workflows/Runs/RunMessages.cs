using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

// The serialisable messages between the run orchestration and its activities. Activities look everything else
// up from the run record and the staged workspace, so these stay small and history stays cheap.

public sealed record RunRef(string ProjectId, string RunId);

/// <summary>The run orchestration's input; <paramref name="ParallelBatches"/>: how many new movies of a streaming run are aligned side by side.</summary>
public sealed record RunState(RunRef Run, int ParallelBatches);

/// <summary>Plan <paramref name="Batch"/> of a run: 0 for the run's inputs, then one per new file of a streaming run.</summary>
public sealed record BatchRequest(RunRef Run, int Batch, string? NewFile);

/// <summary>Stage <paramref name="NewFiles"/> (all of the run's inputs when null) and plan batch <paramref name="Batch"/>.</summary>
public sealed record PrepareRequest(RunRef Run, int Batch, IReadOnlyList<string>? NewFiles);

public sealed record PreparedBatch(int StepCount, bool Streaming, double PollSeconds, RunProblem? Problem);

public sealed record StepRef(RunRef Run, int Batch, int Step);

public sealed record StepState(string State, RunProblem? Problem)
{
    public bool Finished => State is nameof(RunStatus.Completed) or nameof(RunStatus.Failed) or nameof(RunStatus.Canceled);
}

public sealed record FinishRequest(RunRef Run, int Batch, string Status, RunProblem? Problem, bool Final);

/// <summary>A reconciliation pass's answer: movies the run has not taken yet, and when to look again (seconds).</summary>
public sealed record MovieReconciliation(IReadOnlyList<string> Untaken, double NextSeconds);
