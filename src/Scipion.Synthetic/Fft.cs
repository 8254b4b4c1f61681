using System.Numerics;

namespace Scipion.Synthetic;

/// <summary>A plain radix-2 FFT, enough for the 64³ maps of tests (no native FFT library is needed).</summary>
public static class Fft
{
    /// <summary>In-place 3D transform of an n³ cube (n a power of two), x fastest; the inverse is scaled by 1/n³.</summary>
    public static void Transform3D(Complex[] data, int n, bool inverse = false)
    {
        if (n <= 0 || (n & (n - 1)) != 0 || data.Length != n * n * n)
        {
            throw new ArgumentException($"Need an n³ cube with n a power of two; got {data.Length} values for n = {n}.");
        }

        var line = new Complex[n];
        for (int axis = 0; axis < 3; axis++)
        {
            int stride = axis == 0 ? 1 : axis == 1 ? n : n * n;
            for (int a = 0; a < n; a++)
            {
                for (int b = 0; b < n; b++)
                {
                    int start = axis switch
                    {
                        0 => (a * n * n) + (b * n),
                        1 => (a * n * n) + b,
                        _ => (a * n) + b,
                    };
                    for (int i = 0; i < n; i++)
                    {
                        line[i] = data[start + (i * stride)];
                    }

                    Transform1D(line, inverse);
                    for (int i = 0; i < n; i++)
                    {
                        data[start + (i * stride)] = line[i];
                    }
                }
            }
        }

        if (inverse)
        {
            double scale = 1.0 / data.Length;
            for (int i = 0; i < data.Length; i++)
            {
                data[i] *= scale;
            }
        }
    }

    public static void Transform1D(Complex[] a, bool inverse)
    {
        int n = a.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (a[i], a[j]) = (a[j], a[i]);
            }
        }

        for (int length = 2; length <= n; length <<= 1)
        {
            double angle = 2 * Math.PI / length * (inverse ? 1 : -1);
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (int i = 0; i < n; i += length)
            {
                var w = Complex.One;
                for (int j = 0; j < length / 2; j++)
                {
                    var u = a[i + j];
                    var v = a[i + j + (length / 2)] * w;
                    a[i + j] = u + v;
                    a[i + j + (length / 2)] = u - v;
                    w *= step;
                }
            }
        }
    }

    /// <summary>The shell (radius in Fourier pixels) of each index of an n³ transform.</summary>
    public static int[] ShellIndex(int n)
    {
        var shells = new int[n * n * n];
        for (int z = 0; z < n; z++)
        {
            int kz = z <= n / 2 ? z : z - n;
            for (int y = 0; y < n; y++)
            {
                int ky = y <= n / 2 ? y : y - n;
                for (int x = 0; x < n; x++)
                {
                    int kx = x <= n / 2 ? x : x - n;
                    shells[(((z * n) + y) * n) + x] = (int)Math.Round(Math.Sqrt((kx * kx) + (ky * ky) + (kz * kz)));
                }
            }
        }

        return shells;
    }

    public static Complex[] Forward(float[] voxels, int n)
    {
        var data = voxels.Select(v => new Complex(v, 0)).ToArray();
        Transform3D(data, n);
        return data;
    }
}
