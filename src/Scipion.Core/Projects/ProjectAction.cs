namespace Scipion.Core.Projects;

/// <summary>What a caller wants to do with a project; <see cref="ProjectAccess"/> decides who may.</summary>
public enum ProjectAction
{
    /// <summary>See the project, its files and its runs.</summary>
    Read,

    /// <summary>Upload files, start and cancel runs.</summary>
    Write,

    /// <summary>Share, unshare and delete.</summary>
    Administer,
}
