using Scipion.Core.Formats;

namespace Scipion.Synthetic;

/// <summary>
/// Movies of a field of Gaussian blobs drifting by a known amount per frame (linear plus jitter),
/// recorded as Poisson electron counts. The blobs are evaluated at their shifted positions, so
/// sub-pixel drift is exact rather than interpolated.
/// </summary>
public sealed record SyntheticMovie
{
    public int Size { get; init; } = 256;

    public int Frames { get; init; } = 16;

    public double PixelSize { get; init; } = 1.0;

    /// <summary>Mean electrons per pixel per frame.</summary>
    public double CountsPerPixel { get; init; } = 4.0;

    public double DriftX { get; init; } = 0.6;

    public double DriftY { get; init; } = -0.4;

    /// <summary>Standard deviation, in pixels, of the random per-frame jitter added to the linear drift.</summary>
    public double Jitter { get; init; } = 0.25;

    public int BlobCount { get; init; } = 400;

    public int Seed { get; init; } = 1;

    /// <summary>Writes <paramref name="moviePath"/> (an .mrcs stack) and returns the drift it contains.</summary>
    public DriftTruth Write(string moviePath)
    {
        var random = new Random(Seed);
        var blobs = Field(random);
        var driftX = new double[Frames];
        var driftY = new double[Frames];
        for (int f = 0; f < Frames; f++)
        {
            driftX[f] = (DriftX * f) + (f == 0 ? 0 : Jitter * PoissonSampler.Gaussian(random));
            driftY[f] = (DriftY * f) + (f == 0 ? 0 : Jitter * PoissonSampler.Gaussian(random));
        }

        using var writer = new MrcSectionWriter(moviePath, Size, Size, PixelSize, isStack: true);
        var frame = new float[Size * Size];
        var expected = new double[Size * Size];
        for (int f = 0; f < Frames; f++)
        {
            Render(blobs, driftX[f], driftY[f], expected);
            for (int i = 0; i < frame.Length; i++)
            {
                frame[i] = PoissonSampler.Sample(random, CountsPerPixel * Math.Max(0, 1 + expected[i]));
            }

            writer.WriteSection(frame);
        }

        return new DriftTruth(driftX, driftY);
    }

    private List<Blob> Field(Random random)
    {
        // Cover a margin beyond the frame so drift brings structure in rather than empty space.
        double margin = 16 + (Math.Abs(DriftX) + Math.Abs(DriftY)) * Frames;
        var blobs = new List<Blob>(BlobCount);
        for (int i = 0; i < BlobCount; i++)
        {
            blobs.Add(new Blob(
                (random.NextDouble() * (Size + (2 * margin))) - margin,
                (random.NextDouble() * (Size + (2 * margin))) - margin,
                0,
                1.5 + (random.NextDouble() * 3.5),
                (random.NextDouble() - 0.35) * 1.2));
        }

        return blobs;
    }

    private void Render(List<Blob> blobs, double shiftX, double shiftY, double[] image)
    {
        Array.Clear(image);
        foreach (var blob in blobs)
        {
            double cx = blob.X + shiftX, cy = blob.Y + shiftY;
            double reach = 4 * blob.Sigma, twoSigma2 = 2 * blob.Sigma * blob.Sigma;
            int x0 = Math.Max(0, (int)Math.Floor(cx - reach)), x1 = Math.Min(Size - 1, (int)Math.Ceiling(cx + reach));
            int y0 = Math.Max(0, (int)Math.Floor(cy - reach)), y1 = Math.Min(Size - 1, (int)Math.Ceiling(cy + reach));
            for (int y = y0; y <= y1; y++)
            {
                double dy2 = (y - cy) * (y - cy);
                for (int x = x0; x <= x1; x++)
                {
                    image[(y * Size) + x] += blob.Amplitude * Math.Exp(-(((x - cx) * (x - cx)) + dy2) / twoSigma2);
                }
            }
        }
    }
}
