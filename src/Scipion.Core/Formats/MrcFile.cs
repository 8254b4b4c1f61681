namespace Scipion.Core.Formats;

/// <summary>Whole-file MRC reading and writing; use <see cref="MrcSectionReader"/> for files too big for memory.</summary>
public static class MrcFile
{
    public static MrcHeader ReadHeader(string path)
    {
        using var reader = new MrcSectionReader(path);
        return reader.Header;
    }

    public static DensityMap Read(string path)
    {
        using var reader = new MrcSectionReader(path);
        var header = reader.Header;
        var map = new DensityMap(header.Nx, header.Ny, header.Nz, header.PixelSize);
        int section = header.Nx * header.Ny;
        for (int z = 0; z < header.Nz; z++)
        {
            reader.ReadSection(z, map.Voxels.AsSpan(z * section, section));
        }

        return map;
    }

    /// <summary>Writes a volume (isStack false) or a stack of 2D images (isStack true) as float32.</summary>
    public static void Write(string path, DensityMap map, bool isStack = false)
    {
        using var writer = new MrcSectionWriter(path, map.Nx, map.Ny, map.PixelSize, isStack);
        int section = map.Nx * map.Ny;
        for (int z = 0; z < map.Nz; z++)
        {
            writer.WriteSection(map.Voxels.AsSpan(z * section, section));
        }
    }
}
