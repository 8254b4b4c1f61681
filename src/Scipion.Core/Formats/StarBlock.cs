namespace Scipion.Core.Formats;

/// <summary>
/// A <c>data_NAME</c> block: key-value pairs (RELION's <c>data_general</c>, <c>postprocess.star</c>'s
/// <c>data_general</c>) and/or loops (<c>data_optics</c>, <c>data_particles</c>).
/// </summary>
public sealed class StarBlock(string name)
{
    public string Name { get; } = name;

    /// <summary>Key-value pairs in file order; keys have no leading underscore.</summary>
    public List<KeyValuePair<string, string>> Values { get; } = [];

    public List<StarTable> Loops { get; } = [];

    /// <summary>The block's single loop; RELION writes at most one per block.</summary>
    public StarTable Table => Loops.Count > 0
        ? Loops[0]
        : throw new KeyNotFoundException($"Block data_{Name} has no loop.");

    public StarBlock Set(string key, object value)
    {
        key = StarNames.Normalise(key);
        int i = Values.FindIndex(p => p.Key == key);
        var pair = new KeyValuePair<string, string>(key, StarNames.Format(value));
        if (i >= 0)
        {
            Values[i] = pair;
        }
        else
        {
            Values.Add(pair);
        }

        return this;
    }

    public string? Get(string key)
    {
        key = StarNames.Normalise(key);
        foreach (var pair in Values)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }

    public double? GetDouble(string key) => Get(key) is { } v ? StarNames.ParseDouble(v, key) : null;

    public StarTable AddLoop(params string[] columns)
    {
        var table = new StarTable(columns);
        Loops.Add(table);
        return table;
    }
}
