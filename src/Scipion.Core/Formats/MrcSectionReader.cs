using System.Buffers.Binary;

namespace Scipion.Core.Formats;

/// <summary>
/// Reads an MRC file one z section at a time, so a movie of many large frames never has to fit in memory.
/// </summary>
public sealed class MrcSectionReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _buffer;

    public MrcSectionReader(string path)
    {
        File = path;
        try
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MrcFormatException(path, "the file does not exist");
        }

        try
        {
            var headerBytes = new byte[MrcHeader.Size];
            int read = _stream.ReadAtLeast(headerBytes, MrcHeader.Size, throwOnEndOfStream: false);
            Header = MrcHeaderCodec.Decode(headerBytes.AsSpan(0, read), path, _stream.Length);
            _buffer = new byte[checked((int)(Header.SectionVoxels * Header.BytesPerVoxel))];
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    public string File { get; }

    public MrcHeader Header { get; }

    public int SectionCount => Header.Nz;

    public float[] ReadSection(int z)
    {
        var values = new float[Header.SectionVoxels];
        ReadSection(z, values);
        return values;
    }

    public void ReadSection(int z, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, Header.Nz);
        if (destination.Length < Header.SectionVoxels)
        {
            throw new ArgumentException("Destination is smaller than one section.", nameof(destination));
        }

        _stream.Position = Header.DataOffset + (z * Header.SectionVoxels * Header.BytesPerVoxel);
        int read = _stream.ReadAtLeast(_buffer, _buffer.Length, throwOnEndOfStream: false);
        if (read < _buffer.Length)
        {
            throw new MrcFormatException(File, $"section {z} ends early ({read} of {_buffer.Length} bytes)");
        }

        Convert(_buffer, destination, Header.Mode, Header.IsBigEndian);
    }

    public void Dispose() => _stream.Dispose();

    private static void Convert(ReadOnlySpan<byte> bytes, Span<float> values, MrcMode mode, bool bigEndian)
    {
        int n = bytes.Length / MrcHeader.BytesPer(mode);
        switch (mode)
        {
            case MrcMode.Int8:
                for (int i = 0; i < n; i++)
                {
                    values[i] = (sbyte)bytes[i];
                }

                break;
            case MrcMode.Int16:
                for (int i = 0; i < n; i++)
                {
                    var s = bytes.Slice(2 * i, 2);
                    values[i] = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s);
                }

                break;
            case MrcMode.UInt16:
                for (int i = 0; i < n; i++)
                {
                    var s = bytes.Slice(2 * i, 2);
                    values[i] = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
                }

                break;
            default:
                for (int i = 0; i < n; i++)
                {
                    var s = bytes.Slice(4 * i, 4);
                    values[i] = bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s);
                }

                break;
        }
    }
}
