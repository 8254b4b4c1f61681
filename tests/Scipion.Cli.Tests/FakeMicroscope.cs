using System.Collections.Concurrent;
using Scipion.Synthetic;

namespace Scipion.Cli.Tests;

/// <summary>
/// Writes movies into an acquisition folder the way a detector does: slowly, in chunks, the file held open for
/// writing until the last frame is out. Records which movies are finished, so a test can tell an early upload.
/// </summary>
public sealed class FakeMicroscope(string acquisitionFolder, string relativeFolder, int count)
{
    private const int Chunk = 64 * 1024;

    public ConcurrentDictionary<string, byte> Finished { get; } = new();

    public IReadOnlyList<string> Names { get; } = [.. Enumerable.Range(1, count).Select(i => $"movie_{i:D3}_Fractions.mrcs")];

    public string RelativeFolder => relativeFolder;

    public string PathOf(string name) => Path.Combine(acquisitionFolder, relativeFolder, name);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var staging = Directory.CreateTempSubdirectory("detector-").FullName;
        Directory.CreateDirectory(Path.Combine(acquisitionFolder, relativeFolder));
        for (var i = 0; i < Names.Count; i++)
        {
            var source = Path.Combine(staging, Names[i]);
            // Small movies keep RELION quick on two cores.
            new SyntheticMovie { Size = 128, Frames = 8, Seed = i + 1, BlobCount = 100 }.Write(source);
            var bytes = await File.ReadAllBytesAsync(source, cancellationToken);
            await using (var target = new FileStream(PathOf(Names[i]), FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
                for (var offset = 0; offset < bytes.Length; offset += Chunk)
                {
                    await target.WriteAsync(bytes.AsMemory(offset, Math.Min(Chunk, bytes.Length - offset)), cancellationToken);
                    await target.FlushAsync(cancellationToken);
                    await Task.Delay(120, cancellationToken);
                }
            }

            Finished[Names[i]] = 0;
        }
    }
}
