namespace Scipion.Core.Formats;

/// <summary>A STAR document: data blocks in file order.</summary>
public sealed class StarFile
{
    public List<StarBlock> Blocks { get; } = [];

    public bool HasBlock(string name) => Find(name) is not null;

    public StarBlock? Find(string name) => Blocks.Find(b => b.Name == Strip(name));

    /// <summary>The named block; a missing block is an error that lists the blocks present.</summary>
    public StarBlock this[string name] =>
        Find(name) ?? throw new KeyNotFoundException(
            $"No block data_{Strip(name)}; the file has {string.Join(", ", Blocks.Select(b => "data_" + b.Name))}.");

    public StarBlock AddBlock(string name)
    {
        var block = new StarBlock(Strip(name));
        Blocks.Add(block);
        return block;
    }

    public static StarFile Read(string path) => StarReader.Read(path);

    public void Write(string path) => StarWriter.Write(path, this);

    private static string Strip(string name) => name.StartsWith("data_", StringComparison.Ordinal) ? name[5..] : name;
}
