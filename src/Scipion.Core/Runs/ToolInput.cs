namespace Scipion.Core.Runs;

public enum ToolInputKind
{
    /// <summary>One file in the project.</summary>
    File,

    /// <summary>A glob over project files (movies).</summary>
    Glob,
}

/// <summary>One named input of a tool and what it must point at.</summary>
public sealed record ToolInput(string Name, ToolInputKind Kind, bool Required, IReadOnlyList<string> Extensions, string Description);
