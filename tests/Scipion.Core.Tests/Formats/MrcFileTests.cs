using System.Buffers.Binary;
using Scipion.Core.Formats;

namespace Scipion.Core.Tests.Formats;

public sealed class MrcFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_written_volume_reads_back_with_its_size_pixel_size_values_and_stamps()
    {
        var map = new DensityMap(4, 3, 2, 1.5);
        for (int i = 0; i < map.Voxels.Length; i++)
        {
            map.Voxels[i] = i - 5.5f;
        }

        string path = _temp.File("map.mrc");
        MrcFile.Write(path, map);
        var read = MrcFile.Read(path);
        var header = MrcFile.ReadHeader(path);

        Assert.Equal((4, 3, 2), (read.Nx, read.Ny, read.Nz));
        Assert.Equal(map.Voxels, read.Voxels);
        Assert.Equal(1.5, header.PixelSize, 5);
        Assert.Equal(MrcMode.Float32, header.Mode);
        Assert.True(header.HasMapStamp);
        Assert.False(header.IsBigEndian);
        Assert.Equal(-5.5f, header.Min);
        Assert.Equal(17.5f, header.Max);
        Assert.Equal(6f, header.Mean, 4);
        Assert.Equal(1024 + (24 * 4), new FileInfo(path).Length);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal("MAP "u8.ToArray(), bytes[208..212]);
        Assert.Equal(new byte[] { 0x44, 0x44 }, bytes[212..214]);
    }

    [Fact]
    public void A_stack_is_written_and_read_one_section_at_a_time()
    {
        string path = _temp.File("stack.mrcs");
        using (var writer = new MrcSectionWriter(path, 8, 8, 0.9))
        {
            for (int z = 0; z < 5; z++)
            {
                writer.WriteSection(Enumerable.Repeat((float)z, 64).ToArray());
            }
        }

        using var reader = new MrcSectionReader(path);
        Assert.Equal(5, reader.SectionCount);
        Assert.Equal(0, reader.Header.SpaceGroup);
        Assert.Equal(0.9, reader.Header.PixelSize, 4);
        Assert.All(reader.ReadSection(3), v => Assert.Equal(3f, v));
        Assert.All(reader.ReadSection(0), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(MrcMode.Int8)]
    [InlineData(MrcMode.Int16)]
    [InlineData(MrcMode.UInt16)]
    public void Integer_modes_are_read_as_floats(MrcMode mode)
    {
        short[] values = [0, 1, 7, 100, 120, 3];
        string path = _temp.File($"mode{(int)mode}.mrc");
        var bytes = new byte[1024 + (values.Length * MrcHeader.BytesPer(mode))];
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(0), 3);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), (int)mode);
        bytes[212] = 0x44;
        for (int i = 0; i < values.Length; i++)
        {
            if (mode == MrcMode.Int8)
            {
                bytes[1024 + i] = (byte)values[i];
            }
            else
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(1024 + (2 * i)), values[i]);
            }
        }

        File.WriteAllBytes(path, bytes);

        Assert.Equal(values.Select(v => (float)v), MrcFile.Read(path).Voxels);
    }

    [Fact]
    public void A_big_endian_file_is_read_by_its_machine_stamp()
    {
        string path = _temp.File("big.mrc");
        var bytes = new byte[1024 + 8];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), 2);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), 1);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 1);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 2);
        bytes[212] = 0x11;
        bytes[213] = 0x11;
        BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(1024), 2.5f);
        BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(1028), -1f);
        File.WriteAllBytes(path, bytes);

        Assert.Equal(new[] { 2.5f, -1f }, MrcFile.Read(path).Voxels);
    }

    [Fact]
    public void A_truncated_file_is_rejected_naming_the_file_and_the_missing_bytes()
    {
        string path = _temp.File("movie.mrcs");
        MrcFile.Write(path, new DensityMap(16, 16, 4, 1), isStack: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..2000]);

        var error = Assert.Throws<MrcFormatException>(() => MrcFile.Read(path));
        Assert.Contains("movie.mrcs", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("5120", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, "fewer than the 1024-byte header")]
    [InlineData(-1, "not positive")]
    [InlineData(-2, "mode 9 is not supported")]
    public void Garbage_is_rejected_with_what_is_wrong(int kind, string expected)
    {
        string path = _temp.File("bad.mrc");
        var bytes = new byte[kind > 0 ? kind : 2048];
        if (kind == -2)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(0), 2);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 2);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 2);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), 9);
        }

        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<MrcFormatException>(() => MrcFile.ReadHeader(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_as_missing()
    {
        var error = Assert.Throws<MrcFormatException>(() => MrcFile.ReadHeader(_temp.File("nope.mrc")));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
