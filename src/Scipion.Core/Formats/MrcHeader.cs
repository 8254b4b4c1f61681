namespace Scipion.Core.Formats;

/// <summary>
/// The fields of an MRC2014 header that cryo-EM programs rely on. Pixel size is not stored
/// directly: it is the cell length divided by the sampling (mx), which is how RELION reads it.
/// </summary>
public sealed record MrcHeader
{
    public const int Size = 1024;

    public required int Nx { get; init; }

    public required int Ny { get; init; }

    public required int Nz { get; init; }

    public MrcMode Mode { get; init; } = MrcMode.Float32;

    public int Mx { get; init; }

    public int My { get; init; }

    public int Mz { get; init; }

    public float CellX { get; init; }

    public float CellY { get; init; }

    public float CellZ { get; init; }

    public float OriginX { get; init; }

    public float OriginY { get; init; }

    public float OriginZ { get; init; }

    public float Min { get; init; }

    public float Max { get; init; }

    public float Mean { get; init; }

    public float Rms { get; init; }

    /// <summary>Space group: 0 for image stacks, 1 for volumes.</summary>
    public int SpaceGroup { get; init; }

    /// <summary>Bytes of extended header between the 1024-byte header and the data.</summary>
    public int ExtendedHeaderBytes { get; init; }

    public bool HasMapStamp { get; init; } = true;

    public bool IsBigEndian { get; init; }

    public long SectionVoxels => (long)Nx * Ny;

    public long DataOffset => Size + ExtendedHeaderBytes;

    public int BytesPerVoxel => BytesPer(Mode);

    /// <summary>Å per pixel along x, or 0 when the header does not say.</summary>
    public double PixelSize => Mx > 0 && CellX > 0 ? CellX / (double)Mx : 0;

    public static int BytesPer(MrcMode mode) => mode switch
    {
        MrcMode.Int8 => 1,
        MrcMode.Int16 => 2,
        MrcMode.UInt16 => 2,
        MrcMode.Float32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unsupported MRC mode."),
    };

    /// <summary>A float32 header for a grid of the given size and pixel size.</summary>
    public static MrcHeader ForGrid(int nx, int ny, int nz, double pixelSize, bool isStack = false) => new()
    {
        Nx = nx,
        Ny = ny,
        Nz = nz,
        Mx = nx,
        My = ny,
        Mz = isStack ? 1 : nz,
        CellX = (float)(pixelSize * nx),
        CellY = (float)(pixelSize * ny),
        CellZ = (float)(pixelSize * (isStack ? 1 : nz)),
        SpaceGroup = isStack ? 0 : 1,
    };
}
