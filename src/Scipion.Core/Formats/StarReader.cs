using System.Text;

namespace Scipion.Core.Formats;

/// <summary>
/// Reads STAR files as RELION writes them: blocks, key-value pairs, loops whose rows may wrap lines,
/// <c>#</c> comments and single- or double-quoted values.
/// </summary>
public static class StarReader
{
    public static StarFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new StarFormatException(path, 0, "the file does not exist");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path);
    }

    public static StarFile Parse(string text, string source = "<text>")
    {
        using var reader = new StringReader(text);
        return Parse(reader, source);
    }

    public static StarFile Parse(TextReader reader, string source)
    {
        var parser = new Parser(source);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Contains('\0', StringComparison.Ordinal))
            {
                throw new StarFormatException(source, lineNumber, "binary data (NUL bytes) in a text file");
            }

            foreach (var token in Tokenise(line, source, lineNumber))
            {
                parser.Accept(token, lineNumber);
            }
        }

        parser.Finish(lineNumber);
        return parser.File;
    }

    private static List<Token> Tokenise(string line, string source, int lineNumber)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }

            if (line[i] == '#')
            {
                break;
            }

            if (line[i] is '\'' or '"')
            {
                char quote = line[i];
                int end = i + 1;

                // A quote closes a value only when followed by whitespace or the end of the line (STAR 1.1).
                while (end < line.Length && !(line[end] == quote && (end + 1 == line.Length || char.IsWhiteSpace(line[end + 1]))))
                {
                    end++;
                }

                if (end >= line.Length)
                {
                    throw new StarFormatException(source, lineNumber, $"unterminated {quote}quoted{quote} value");
                }

                tokens.Add(new Token(line[(i + 1)..end], Quoted: true));
                i = end + 1;
                continue;
            }

            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            tokens.Add(new Token(line[start..i], Quoted: false));
        }

        return tokens;
    }

    private readonly record struct Token(string Text, bool Quoted);

    private sealed class Parser(string source)
    {
        private StarBlock? _block;
        private StarTable? _loop;
        private bool _inLoopHeader;
        private string? _pendingKey;
        private int _pendingKeyLine;
        private readonly List<string> _row = [];
        private int _rowLine;

        public StarFile File { get; } = new();

        public void Accept(Token token, int line)
        {
            string text = token.Text;
            if (_pendingKey is not null)
            {
                _block!.Values.Add(new(_pendingKey, text));
                _pendingKey = null;
                return;
            }

            if (!token.Quoted && text.StartsWith("data_", StringComparison.Ordinal))
            {
                EndLoop(line);
                _block = File.AddBlock(text);
                return;
            }

            if (!token.Quoted && text == "loop_")
            {
                EndLoop(line);
                _loop = RequireBlock(line, text).AddLoop();
                _inLoopHeader = true;
                return;
            }

            if (!token.Quoted && text == "stop_")
            {
                EndLoop(line);
                return;
            }

            if (!token.Quoted && text.StartsWith('_'))
            {
                if (_loop is not null && _inLoopHeader)
                {
                    AddColumn(text[1..], line);
                    return;
                }

                EndLoop(line);
                RequireBlock(line, text);
                _pendingKey = text[1..];
                _pendingKeyLine = line;
                return;
            }

            if (_loop is null)
            {
                throw new StarFormatException(source, line,
                    _block is null ? $"value '{text}' before any data_ block" : $"value '{text}' without a key or loop");
            }

            if (_inLoopHeader)
            {
                if (_loop.Columns.Count == 0)
                {
                    throw new StarFormatException(source, line, "loop_ has no columns");
                }

                _inLoopHeader = false;
            }

            if (_row.Count == 0)
            {
                _rowLine = line;
            }

            _row.Add(text);
            if (_row.Count == _loop.Columns.Count)
            {
                _loop.AddRead([.. _row], _rowLine);
                _row.Clear();
            }
        }

        public void Finish(int line)
        {
            if (_pendingKey is not null)
            {
                throw new StarFormatException(source, _pendingKeyLine, $"key _{_pendingKey} has no value");
            }

            EndLoop(line);
        }

        private void AddColumn(string name, int line)
        {
            // StarTable is immutable in its columns, so rebuild it with one more.
            var columns = _loop!.Columns.Append(name).ToList();
            if (_loop.Columns.Contains(name))
            {
                throw new StarFormatException(source, line, $"column _{name} appears twice");
            }

            var block = _block!;
            var rebuilt = new StarTable(columns);
            block.Loops[^1] = rebuilt;
            _loop = rebuilt;
        }

        private void EndLoop(int line)
        {
            if (_loop is not null && _row.Count > 0)
            {
                throw new StarFormatException(source, _rowLine,
                    $"a row of data_{_block!.Name} has {_row.Count} values but the loop has {_loop.Columns.Count} columns");
            }

            if (_loop is not null && _loop.Columns.Count == 0)
            {
                throw new StarFormatException(source, line, "loop_ has no columns");
            }

            _loop = null;
            _inLoopHeader = false;
            _row.Clear();
        }

        private StarBlock RequireBlock(int line, string what) =>
            _block ?? throw new StarFormatException(source, line, $"'{what}' before any data_ block");
    }
}
