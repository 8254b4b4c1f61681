namespace Scipion.Cli.Transfer;

/// <summary>The local file changed while it was being uploaded: nothing was committed, it can be tried again once it settles.</summary>
public sealed class FileChangedException(string path) : Exception($"{path} changed while it was being uploaded; nothing was committed.");
