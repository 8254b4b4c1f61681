namespace Scipion.Core.Projects;

public sealed record ProjectMember(string User, ProjectRole Role);
