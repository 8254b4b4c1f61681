namespace Scipion.Compute.AzureBatch;

/// <summary>POSIX shell quoting for the scripts tasks run on the nodes.</summary>
internal static class Shell
{
    private static readonly System.Text.RegularExpressions.Regex NodeVariable = new(@"^\$(AZ_BATCH_[A-Z_]+)/(.*)$");

    /// <summary>One word, exactly as given: single quotes, with embedded single quotes closed, escaped and reopened.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// A word that may start with one of Batch's node folders (<c>$AZ_BATCH_NODE_MOUNTS_DIR/…</c>,
    /// <c>$AZ_BATCH_TASK_WORKING_DIR/…</c>): that variable expands on the node, the rest stays literal.
    /// </summary>
    public static string QuotePath(string path)
    {
        var match = NodeVariable.Match(path);
        return match.Success ? $"\"${match.Groups[1].Value}\"/{Quote(match.Groups[2].Value)}" : Quote(path);
    }

    /// <summary>
    /// A Batch command line running <paramref name="script"/> under bash. Batch runs command lines without a shell
    /// (its docs say to invoke one for variables such as <c>$AZ_BATCH_NODE_MOUNTS_DIR</c>).
    /// </summary>
    public static string BashCommandLine(IEnumerable<string> statements) => "/bin/bash -c " + Quote(string.Join("; ", statements));
}
