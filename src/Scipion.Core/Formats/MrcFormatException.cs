namespace Scipion.Core.Formats;

/// <summary>A file that is not a readable MRC map; the message names the file and what is wrong with it.</summary>
public sealed class MrcFormatException : FormatException
{
    public MrcFormatException(string file, string problem)
        : base($"{file}: not a valid MRC file: {problem}")
    {
        File = file;
        Problem = problem;
    }

    public string File { get; }

    public string Problem { get; }
}
