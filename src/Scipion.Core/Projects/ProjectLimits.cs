namespace Scipion.Core.Projects;

public static class ProjectLimits
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;
}
