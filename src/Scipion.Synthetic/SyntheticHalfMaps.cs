using System.Numerics;
using Scipion.Core.Formats;

namespace Scipion.Synthetic;

/// <summary>
/// Two half maps of a known map whose FSC follows a chosen fall-off: each half is the truth plus
/// independent noise whose power per shell is S·(1−f)/f, so the expected FSC between halves is f.
/// </summary>
public static class SyntheticHalfMaps
{
    /// <summary>Width of the logistic fall-off, in cycles per pixel.</summary>
    public const double FallOffWidth = 0.012;

    public static (DensityMap Half1, DensityMap Half2) Create(DensityMap truth, double resolution, int seed = 1)
    {
        int n = truth.Nx;
        double pixelSize = truth.PixelSize;
        var signal = Fft.Forward(truth.Voxels, n);
        var shells = Fft.ShellIndex(n);
        int count = (n / 2) + 2;
        var power = new double[count];
        var members = new int[count];
        for (int i = 0; i < signal.Length; i++)
        {
            int s = Math.Min(shells[i], count - 1);
            power[s] += signal[i].Magnitude * signal[i].Magnitude;
            members[s]++;
        }

        var random = new Random(seed);
        return (Half(truth, signal, shells, power, members, resolution, random),
                Half(truth, signal, shells, power, members, resolution, random));
    }

    /// <summary>The FSC between halves this generator aims at, for a shell in cycles per pixel.</summary>
    public static double ExpectedFsc(double cyclesPerPixel, double pixelSize, double resolution)
    {
        // Logistic curve placed so it crosses 0.143 exactly at the requested resolution.
        double at143 = pixelSize / resolution;
        double centre = at143 - (FallOffWidth * Math.Log((1 / 0.143) - 1));
        return 1 / (1 + Math.Exp((cyclesPerPixel - centre) / FallOffWidth));
    }

    private static DensityMap Half(DensityMap truth, Complex[] signal, int[] shells, double[] power, int[] members, double resolution, Random random)
    {
        int n = truth.Nx;
        var noise = new Complex[signal.Length];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = new Complex(PoissonSampler.Gaussian(random), 0);
        }

        Fft.Transform3D(noise, n);

        // Unit white noise has power n³ per Fourier coefficient; scale each shell to the noise power wanted.
        double whitePower = noise.Length;
        for (int i = 0; i < noise.Length; i++)
        {
            int s = Math.Min(shells[i], power.Length - 1);
            double signalPower = members[s] > 0 ? power[s] / members[s] : 0;
            double f = Math.Clamp(ExpectedFsc(s / (double)n, truth.PixelSize, resolution), 1e-6, 1 - 1e-9);
            double noisePower = signalPower * (1 - f) / f;
            noise[i] = signal[i] + (noise[i] * Math.Sqrt(noisePower / whitePower));
        }

        Fft.Transform3D(noise, n, inverse: true);
        return new DensityMap(n, n, n, truth.PixelSize, noise.Select(c => (float)c.Real).ToArray());
    }
}
