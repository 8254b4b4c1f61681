using Scipion.Core.Formats;

namespace Scipion.Synthetic;

/// <summary>FSC between two cubic maps, per shell up to Nyquist, with the resolutions where it crosses thresholds.</summary>
public sealed record FourierShellCorrelation(double[] Values, int BoxSize, double PixelSize)
{
    public static FourierShellCorrelation Between(DensityMap a, DensityMap b)
    {
        int n = a.Nx;
        if (a.Ny != n || a.Nz != n || b.Nx != n || b.Ny != n || b.Nz != n)
        {
            throw new ArgumentException("FSC needs two cubes of the same size.");
        }

        var fa = Fft.Forward(a.Voxels, n);
        var fb = Fft.Forward(b.Voxels, n);
        var shells = Fft.ShellIndex(n);
        int count = (n / 2) + 1;
        var cross = new double[count];
        var powerA = new double[count];
        var powerB = new double[count];
        for (int i = 0; i < fa.Length; i++)
        {
            int s = shells[i];
            if (s >= count)
            {
                continue;
            }

            cross[s] += (fa[i].Real * fb[i].Real) + (fa[i].Imaginary * fb[i].Imaginary);
            powerA[s] += fa[i].Magnitude * fa[i].Magnitude;
            powerB[s] += fb[i].Magnitude * fb[i].Magnitude;
        }

        var fsc = new double[count];
        for (int s = 0; s < count; s++)
        {
            double denominator = Math.Sqrt(powerA[s] * powerB[s]);
            fsc[s] = denominator > 0 ? cross[s] / denominator : 0;
        }

        return new FourierShellCorrelation(fsc, n, a.PixelSize > 0 ? a.PixelSize : 1);
    }

    /// <summary>Resolution in Å of shell <paramref name="shell"/>.</summary>
    public double ResolutionOf(double shell) => shell <= 0 ? double.PositiveInfinity : BoxSize * PixelSize / shell;

    /// <summary>
    /// The resolution (Å) where the curve first falls below <paramref name="threshold"/>, interpolated
    /// between shells; Nyquist when it never does.
    /// </summary>
    public double ResolutionAt(double threshold)
    {
        for (int s = 1; s < Values.Length; s++)
        {
            if (Values[s] < threshold)
            {
                double previous = Values[s - 1];
                double fraction = previous == Values[s] ? 0 : (previous - threshold) / (previous - Values[s]);
                return ResolutionOf(s - 1 + fraction);
            }
        }

        return ResolutionOf(Values.Length - 1);
    }
}
