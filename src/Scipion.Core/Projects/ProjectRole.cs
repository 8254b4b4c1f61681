namespace Scipion.Core.Projects;

/// <summary>Ordered: a higher role can do everything a lower one can.</summary>
public enum ProjectRole
{
    Reader = 1,
    Editor = 2,
    Owner = 3,
}
