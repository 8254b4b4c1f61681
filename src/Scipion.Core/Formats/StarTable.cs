using System.Globalization;

namespace Scipion.Core.Formats;

/// <summary>
/// One <c>loop_</c> of a STAR block: named columns (without the leading underscore, e.g. <c>rlnImageName</c>)
/// and rows of raw string values.
/// </summary>
public sealed class StarTable
{
    private readonly List<string> _columns;
    private readonly Dictionary<string, int> _index;
    private readonly List<int> _rowLines = [];

    public StarTable(IEnumerable<string> columns)
    {
        _columns = columns.Select(StarNames.Normalise).ToList();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _columns.Count; i++)
        {
            if (!_index.TryAdd(_columns[i], i))
            {
                throw new ArgumentException($"Column {_columns[i]} appears twice.", nameof(columns));
            }
        }
    }

    public IReadOnlyList<string> Columns => _columns;

    public List<string[]> Rows { get; } = [];

    public int RowCount => Rows.Count;

    /// <summary>The line of the file where a row read from a file starts; 0 for a row added in code.</summary>
    public int LineOf(int row) => row < _rowLines.Count ? _rowLines[row] : 0;

    internal void AddRead(string[] row, int line)
    {
        // Rows added in code before leave no line, so read rows keep their index in step.
        while (_rowLines.Count < Rows.Count)
        {
            _rowLines.Add(0);
        }

        Rows.Add(row);
        _rowLines.Add(line);
    }

    public bool HasColumn(string name) => _index.ContainsKey(StarNames.Normalise(name));

    public int ColumnIndex(string name) =>
        _index.TryGetValue(StarNames.Normalise(name), out int i)
            ? i
            : throw new KeyNotFoundException($"The table has no column {StarNames.Normalise(name)}; it has {string.Join(", ", _columns)}.");

    public StarTable AddRow(params object[] values)
    {
        if (values.Length != _columns.Count)
        {
            throw new ArgumentException($"A row needs {_columns.Count} values, got {values.Length}.", nameof(values));
        }

        Rows.Add(values.Select(StarNames.Format).ToArray());
        return this;
    }

    public string Get(int row, string column) => Rows[row][ColumnIndex(column)];

    public double GetDouble(int row, string column) => StarNames.ParseDouble(Get(row, column), column);

    public int GetInt(int row, string column) => (int)Math.Round(GetDouble(row, column));

    public IEnumerable<string> Column(string name)
    {
        int i = ColumnIndex(name);
        return Rows.Select(r => r[i]);
    }

    public double[] Doubles(string name) => Column(name).Select(v => StarNames.ParseDouble(v, name)).ToArray();
}

internal static class StarNames
{
    public static string Normalise(string name) => name.StartsWith('_') ? name[1..] : name;

    public static string Format(object value) => value switch
    {
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        float f => f.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static double ParseDouble(string value, string column) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            ? d
            : throw new FormatException($"Value '{value}' of {column} is not a number.");
}
