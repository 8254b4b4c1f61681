namespace Scipion.Core.Files;

public sealed record ProjectFile(string Path, long Size, DateTimeOffset LastModified, string? ContentType);
