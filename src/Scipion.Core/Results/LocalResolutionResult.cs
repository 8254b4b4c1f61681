using Scipion.Core.Formats;

namespace Scipion.Core.Results;

/// <summary>Statistics of a local-resolution map (Å per voxel) inside the mask, as its histogram shows them.</summary>
public sealed record LocalResolutionResult(string MapPath, double Min, double Max, double Median, double Mean, double[] Values)
{
    /// <param name="locresMap">The <c>relion_locres.mrc</c>.</param>
    /// <param name="mask">The mask selecting the voxels to count (value above 0.5); null counts every voxel with a positive value.</param>
    public static LocalResolutionResult Read(string locresMap, string? mask)
    {
        var map = MrcFile.Read(locresMap);
        var weights = mask is null ? null : MrcFile.Read(mask);
        if (weights is not null && weights.Voxels.Length != map.Voxels.Length)
        {
            throw new InvalidDataException($"{mask} does not have the size of {locresMap}.");
        }

        var values = map.Voxels
            .Select((v, i) => (Value: (double)v, Inside: weights is null ? v > 0 : weights.Voxels[i] > 0.5))
            .Where(p => p.Inside && p.Value > 0)
            .Select(p => p.Value)
            .Order()
            .ToArray();
        if (values.Length == 0)
        {
            throw new InvalidDataException($"{locresMap} has no positive resolution values inside the mask.");
        }

        return new LocalResolutionResult(locresMap, values[0], values[^1], values[values.Length / 2], values.Average(), values);
    }
}
