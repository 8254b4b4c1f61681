namespace Scipion.Core.Formats;

public readonly record struct MapStatistics(float Min, float Max, double Mean, double Rms)
{
    /// <summary>Rms is the standard deviation from the mean, as MRC2014 defines it.</summary>
    public static MapStatistics Of(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return default;
        }

        float min = float.MaxValue, max = float.MinValue;
        double sum = 0, sumSquares = 0;
        foreach (float v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            sumSquares += (double)v * v;
        }

        double mean = sum / values.Length;
        double variance = Math.Max(0, (sumSquares / values.Length) - (mean * mean));
        return new MapStatistics(min, max, mean, Math.Sqrt(variance));
    }
}
