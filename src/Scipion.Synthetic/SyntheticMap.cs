using Scipion.Core.Formats;

namespace Scipion.Synthetic;

/// <summary>
/// A known 3D map: Gaussian blobs placed without symmetry, so a reconstruction in the wrong hand
/// is measurably different from the truth.
/// </summary>
public sealed record SyntheticMap(int Size, double PixelSize, IReadOnlyList<Blob> Blobs)
{
    /// <summary>Ten blobs of 1.5–5 px inside a radius of about a third of the box.</summary>
    public static SyntheticMap Asymmetric(int size = 64, double pixelSize = 3.0)
    {
        double s = size / 64.0;
        Blob[] blobs =
        [
            new(0, 0, 0, 5 * s, 1.0),
            new(10 * s, 2 * s, -3 * s, 3.5 * s, 0.9),
            new(-6 * s, 9 * s, 4 * s, 3 * s, 0.8),
            new(3 * s, -11 * s, 6 * s, 2.5 * s, 1.0),
            new(-9 * s, -5 * s, -8 * s, 4 * s, 0.7),
            new(14 * s, -6 * s, 8 * s, 2.5 * s, 0.8),
            new(-2 * s, 4 * s, 13 * s, 3 * s, 0.9),
            new(5 * s, 12 * s, -10 * s, 2.5 * s, 1.0),
            new(-12 * s, 3 * s, -2 * s, 1.5 * s, 1.2),
            new(7 * s, -3 * s, -12 * s, 1.5 * s, 1.2),
        ];
        return new SyntheticMap(size, pixelSize, blobs);
    }

    /// <summary>Its RELION-convention centre: voxel size/2 on each axis.</summary>
    public double Centre => Size / 2;

    public DensityMap Render() => Render(RigidTransform.Identity);

    /// <summary>
    /// The map as seen through <paramref name="transform"/> (result frame to truth frame), evaluated exactly
    /// from the blobs, so comparisons with a reconstruction suffer no interpolation blur.
    /// </summary>
    public DensityMap Render(RigidTransform transform)
    {
        var map = new DensityMap(Size, Size, Size, PixelSize);
        foreach (var blob in Blobs)
        {
            var (bx, by, bz) = transform.ToResult(blob.X, blob.Y, blob.Z);
            double cx = bx + Centre, cy = by + Centre, cz = bz + Centre;
            double reach = 5 * blob.Sigma, twoSigma2 = 2 * blob.Sigma * blob.Sigma;
            int Lo(double c) => Math.Max(0, (int)Math.Floor(c - reach));
            int Hi(double c) => Math.Min(Size - 1, (int)Math.Ceiling(c + reach));
            for (int z = Lo(cz); z <= Hi(cz); z++)
            {
                for (int y = Lo(cy); y <= Hi(cy); y++)
                {
                    double dyz = ((y - cy) * (y - cy)) + ((z - cz) * (z - cz));
                    for (int x = Lo(cx); x <= Hi(cx); x++)
                    {
                        map[x, y, z] += (float)(blob.Amplitude * Math.Exp(-(((x - cx) * (x - cx)) + dyz) / twoSigma2));
                    }
                }
            }
        }

        return map;
    }
}
