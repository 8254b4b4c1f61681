namespace Scipion.Core.Formats;

/// <summary>
/// A 3D grid (or image stack) of float densities, x fastest then y then z, as MRC stores it.
/// </summary>
public sealed class DensityMap
{
    public DensityMap(int nx, int ny, int nz, double pixelSize, float[]? voxels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ny);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nz);
        voxels ??= new float[checked(nx * ny * nz)];
        if (voxels.Length != (long)nx * ny * nz)
        {
            throw new ArgumentException($"Expected {nx * ny * nz} voxels, got {voxels.Length}.", nameof(voxels));
        }

        Nx = nx;
        Ny = ny;
        Nz = nz;
        PixelSize = pixelSize;
        Voxels = voxels;
    }

    public int Nx { get; }

    public int Ny { get; }

    public int Nz { get; }

    /// <summary>Å per voxel; 0 when unknown.</summary>
    public double PixelSize { get; }

    public float[] Voxels { get; }

    public float this[int x, int y, int z]
    {
        get => Voxels[Index(x, y, z)];
        set => Voxels[Index(x, y, z)] = value;
    }

    public int Index(int x, int y, int z) => (((z * Ny) + y) * Nx) + x;

    /// <summary>One z section (a slice of a volume, or a frame of a stack) as a copy.</summary>
    public float[] Section(int z) => Voxels.AsSpan(z * Nx * Ny, Nx * Ny).ToArray();

    public MapStatistics Statistics() => MapStatistics.Of(Voxels);
}
