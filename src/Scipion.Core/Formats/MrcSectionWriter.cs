using System.Runtime.InteropServices;

namespace Scipion.Core.Formats;

/// <summary>
/// Writes a float32 MRC file section by section (frames of a movie, images of a stack);
/// the header's size and statistics are filled in when the writer is disposed.
/// </summary>
public sealed class MrcSectionWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly MrcHeader _template;
    private int _sections;
    private float _min = float.MaxValue, _max = float.MinValue;
    private double _sum, _sumSquares;
    private long _count;

    public MrcSectionWriter(string path, int nx, int ny, double pixelSize, bool isStack = true)
    {
        _template = MrcHeader.ForGrid(nx, ny, 1, pixelSize, isStack);
        IsStack = isStack;
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _stream.Write(new byte[MrcHeader.Size]);
    }

    public bool IsStack { get; }

    public void WriteSection(ReadOnlySpan<float> section)
    {
        if (section.Length != _template.SectionVoxels)
        {
            throw new ArgumentException($"A section has {_template.SectionVoxels} values, got {section.Length}.", nameof(section));
        }

        foreach (float v in section)
        {
            _min = Math.Min(_min, v);
            _max = Math.Max(_max, v);
            _sum += v;
            _sumSquares += (double)v * v;
        }

        _count += section.Length;
        _sections++;

        // MRC2014 written here is little-endian, as are the machines this runs on.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing MRC needs a little-endian machine.");
        }

        _stream.Write(MemoryMarshal.AsBytes(section));
    }

    public void Dispose()
    {
        double mean = _count > 0 ? _sum / _count : 0;
        double rms = _count > 0 ? Math.Sqrt(Math.Max(0, (_sumSquares / _count) - (mean * mean))) : 0;
        var header = _template with
        {
            Nz = Math.Max(_sections, 1),
            Mz = IsStack ? 1 : Math.Max(_sections, 1),
            CellZ = IsStack ? (float)(_template.PixelSize) : (float)(_template.PixelSize * Math.Max(_sections, 1)),
            Min = _count > 0 ? _min : 0,
            Max = _count > 0 ? _max : 0,
            Mean = (float)mean,
            Rms = (float)rms,
        };
        if (_sections == 0)
        {
            // An MRC file needs at least one section; write zeros rather than a header that lies.
            _stream.Write(new byte[_template.SectionVoxels * 4]);
        }

        _stream.Position = 0;
        _stream.Write(MrcHeaderCodec.Encode(header));
        _stream.Dispose();
    }
}
