namespace Scipion.Core.Files;

/// <summary>One page of a folder listing; <see cref="ContinuationToken"/> asks for the next one, null at the end.</summary>
public sealed record ProjectFolderPage(IReadOnlyList<ProjectFile> Files, string? ContinuationToken)
{
    /// <summary>The most files one page holds (the contract's page size, and Blob Storage's).</summary>
    public const int MaxFiles = 5000;
}
