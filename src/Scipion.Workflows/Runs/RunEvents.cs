namespace Scipion.Workflows.Runs;

/// <summary>The external events a run orchestration listens for.</summary>
public static class RunEvents
{
    public const string Cancel = "Cancel";
    public const string NewFile = "NewFile";
}
