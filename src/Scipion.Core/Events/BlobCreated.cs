namespace Scipion.Core.Events;

/// <summary>A file finished uploading into a project folder (from Event Grid's BlobCreated, or the local host's emulation).</summary>
public sealed record BlobCreated(string ProjectId, string Path, string ETag, long Size);
