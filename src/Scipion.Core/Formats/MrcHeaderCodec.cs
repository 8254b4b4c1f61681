using System.Buffers.Binary;

namespace Scipion.Core.Formats;

/// <summary>Encodes and decodes the 1024-byte MRC2014 header, checking it against the file's length.</summary>
internal static class MrcHeaderCodec
{
    private const int MapStampOffset = 208;
    private const int MachineStampOffset = 212;

    public static MrcHeader Decode(ReadOnlySpan<byte> bytes, string file, long fileLength)
    {
        if (bytes.Length < MrcHeader.Size)
        {
            throw new MrcFormatException(file, $"the file has {fileLength} bytes, fewer than the {MrcHeader.Size}-byte header");
        }

        // Machine stamp 0x11 in the first byte means big-endian; 0x44 (or an unset stamp) little-endian.
        byte[] raw = bytes[..MrcHeader.Size].ToArray();
        bool bigEndian = raw[MachineStampOffset] == 0x11;
        int I(int offset) => bigEndian
            ? BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(offset))
            : BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(offset));
        float F(int offset) => bigEndian
            ? BinaryPrimitives.ReadSingleBigEndian(raw.AsSpan(offset))
            : BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(offset));

        int nx = I(0), ny = I(4), nz = I(8), mode = I(12);
        if (nx <= 0 || ny <= 0 || nz <= 0)
        {
            throw new MrcFormatException(file, $"dimensions {nx}x{ny}x{nz} are not positive");
        }

        if (!Enum.IsDefined(typeof(MrcMode), mode))
        {
            throw new MrcFormatException(file, $"data mode {mode} is not supported (0, 1, 2 and 6 are)");
        }

        int extended = I(92);
        if (extended < 0 || extended > fileLength)
        {
            throw new MrcFormatException(file, $"extended header size {extended} is impossible");
        }

        var header = new MrcHeader
        {
            Nx = nx,
            Ny = ny,
            Nz = nz,
            Mode = (MrcMode)mode,
            Mx = I(28),
            My = I(32),
            Mz = I(36),
            CellX = F(40),
            CellY = F(44),
            CellZ = F(48),
            Min = F(76),
            Max = F(80),
            Mean = F(84),
            SpaceGroup = I(88),
            ExtendedHeaderBytes = extended,
            OriginX = F(196),
            OriginY = F(200),
            OriginZ = F(204),
            HasMapStamp = bytes[MapStampOffset..(MapStampOffset + 4)].SequenceEqual("MAP "u8),
            IsBigEndian = bigEndian,
            Rms = F(216),
        };

        long expected = header.DataOffset + header.SectionVoxels * nz * header.BytesPerVoxel;
        if (fileLength < expected)
        {
            throw new MrcFormatException(file,
                $"the file is truncated: a {nx}x{ny}x{nz} mode-{mode} map needs {expected} bytes, the file has {fileLength}");
        }

        return header;
    }

    public static byte[] Encode(MrcHeader header)
    {
        var bytes = new byte[MrcHeader.Size];
        var span = bytes.AsSpan();
        void I(int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        void F(int offset, float value) => BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), value);

        I(0, header.Nx);
        I(4, header.Ny);
        I(8, header.Nz);
        I(12, (int)MrcMode.Float32);
        I(28, header.Mx > 0 ? header.Mx : header.Nx);
        I(32, header.My > 0 ? header.My : header.Ny);
        I(36, header.Mz > 0 ? header.Mz : header.Nz);
        F(40, header.CellX);
        F(44, header.CellY);
        F(48, header.CellZ);
        F(52, 90f);
        F(56, 90f);
        F(60, 90f);
        I(64, 1);
        I(68, 2);
        I(72, 3);
        F(76, header.Min);
        F(80, header.Max);
        F(84, header.Mean);
        I(88, header.SpaceGroup);
        I(92, 0);
        "MRCO"u8.CopyTo(span[104..]);
        I(108, 20140);
        F(196, header.OriginX);
        F(200, header.OriginY);
        F(204, header.OriginZ);
        "MAP "u8.CopyTo(span[MapStampOffset..]);
        span[MachineStampOffset] = 0x44;
        span[MachineStampOffset + 1] = 0x44;
        F(216, header.Rms);
        I(220, 1);
        "Written by Scipion.Functions"u8.CopyTo(span[224..]);
        return bytes;
    }
}
