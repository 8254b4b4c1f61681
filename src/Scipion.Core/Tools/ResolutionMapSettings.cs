namespace Scipion.Core.Tools;

public sealed record ResolutionMapSettings
{
    public required string HalfMap1 { get; init; }

    public required string HalfMap2 { get; init; }

    public string? Mask { get; init; }

    /// <summary>Å per pixel; null means the half maps' MRC header.</summary>
    public double? PixelSize { get; init; }

    /// <summary>B-factor for sharpening (negative sharpens); null means RELION's automatic fit.</summary>
    public double? BFactor { get; init; }

    internal static ResolutionMapSettings Read(ToolArguments a)
    {
        string? Map(string name, bool required)
        {
            string? path = a.Path(name, required);
            if (path is not null && !path.EndsWith(".mrc", StringComparison.OrdinalIgnoreCase))
            {
                a.Errors.Add($"inputs.{name}", $"{name} must be an .mrc file.");
            }

            return path;
        }

        string? half1 = Map("halfMap1", true), half2 = Map("halfMap2", true), mask = Map("mask", false);
        if (half1 is not null && half1 == half2)
        {
            a.Errors.Add("inputs.halfMap2", "halfMap2 must be a different map from halfMap1.");
        }

        return new ResolutionMapSettings
        {
            HalfMap1 = half1 ?? string.Empty,
            HalfMap2 = half2 ?? string.Empty,
            Mask = mask,
            PixelSize = a.Number("pixelSize", null, 0.05, 50),
            BFactor = a.Number("bFactor", null, -2000, 0),
        };
    }
}
