namespace Scipion.Storage;

/// <summary>The runs table holds three kinds of rows per partition; queries pick one by this column.</summary>
internal static class RunRowKinds
{
    public const string Run = "run";
    public const string Step = "step";
    public const string Output = "output";
}
