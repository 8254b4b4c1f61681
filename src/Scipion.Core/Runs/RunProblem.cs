namespace Scipion.Core.Runs;

/// <summary>Why a run failed, shaped like a problem-details object: what, where, and the end of the job's log.</summary>
public sealed record RunProblem(string Type, string Title, string Detail, string? Step = null, string? LogTail = null);
