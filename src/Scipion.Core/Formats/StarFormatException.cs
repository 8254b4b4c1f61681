namespace Scipion.Core.Formats;

/// <summary>A STAR file that cannot be read; the message names the file, the line and what is wrong.</summary>
public sealed class StarFormatException : FormatException
{
    public StarFormatException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: invalid STAR: {problem}" : $"{file}: invalid STAR: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }

    public int Line { get; }

    public string Problem { get; }
}
