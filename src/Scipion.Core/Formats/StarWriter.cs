using System.Text;

namespace Scipion.Core.Formats;

/// <summary>Writes STAR in RELION 3.1's layout (version comment, <c>#N</c> column numbers, aligned-enough rows).</summary>
public static class StarWriter
{
    public static void Write(string path, StarFile file)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, ToText(file), new UTF8Encoding(false));
    }

    public static string ToText(StarFile file)
    {
        var text = new StringBuilder();
        foreach (var block in file.Blocks)
        {
            text.Append("\n# version 30001\n\ndata_").Append(block.Name).Append("\n\n");
            foreach (var (key, value) in block.Values)
            {
                text.Append('_').Append(key).Append(' ').Append(Quote(value)).Append('\n');
            }

            foreach (var loop in block.Loops)
            {
                text.Append("\nloop_ \n");
                for (int c = 0; c < loop.Columns.Count; c++)
                {
                    text.Append('_').Append(loop.Columns[c]).Append(" #").Append(c + 1).Append(" \n");
                }

                foreach (var row in loop.Rows)
                {
                    text.Append(string.Join(' ', row.Select(Quote))).Append(" \n");
                }
            }

            text.Append(" \n");
        }

        return text.ToString();
    }

    /// <summary>Quotes values that would otherwise split or be read as syntax.</summary>
    private static string Quote(string value)
    {
        bool plain = value.Length > 0
            && !value.Any(char.IsWhiteSpace)
            && value[0] is not ('\'' or '"' or '_' or '#' or '$' or ';')
            && !value.StartsWith("data_", StringComparison.Ordinal)
            && value is not ("loop_" or "stop_");
        if (plain)
        {
            return value;
        }

        return value.Contains("\" ", StringComparison.Ordinal) ? $"'{value}'" : $"\"{value}\"";
    }
}
