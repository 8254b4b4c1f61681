using Scipion.Core.Formats;

namespace Scipion.Core.Results;

/// <summary>The FSC table of a <c>relion_postprocess</c> run (<c>postprocess.star</c>, <c>data_fsc</c>).</summary>
public sealed record FscCurve(double[] Resolution, double[] Corrected, double[] Unmasked, double FinalResolution, double? BFactor)
{
    public static FscCurve Read(string postprocessStar)
    {
        var star = StarFile.Read(postprocessStar);
        var fsc = star["fsc"].Table;
        var general = star["general"];

        // Resolution column is 1/Å; shell 0 is the origin.
        double[] inverse = fsc.Doubles("rlnResolution");
        double[] Column(string name) => fsc.HasColumn(name) ? fsc.Doubles(name) : new double[fsc.RowCount];
        return new FscCurve(
            inverse,
            Column(fsc.HasColumn("rlnFourierShellCorrelationCorrected") ? "rlnFourierShellCorrelationCorrected" : "rlnFourierShellCorrelation"),
            Column("rlnFourierShellCorrelationUnmaskedMaps"),
            general.GetDouble("rlnFinalResolution") ?? double.NaN,
            general.GetDouble("rlnBfactorUsedForSharpening"));
    }
}
