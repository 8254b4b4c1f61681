using System.Text.RegularExpressions;

namespace Scipion.Core.Tools;

public sealed partial record FirstMapSettings
{
    public required string Particles { get; init; }

    /// <summary>Å per pixel; null means "take it from the STAR optics table or the stack header".</summary>
    public double? PixelSize { get; init; }

    public required double ParticleDiameter { get; init; }

    public string Symmetry { get; init; } = "C1";

    /// <summary>Total SGD iterations; null means RELION's default schedule (50 + 200 + 50).</summary>
    public int? Iterations { get; init; }

    public int Threads { get; init; } = 2;

    public int MpiRanks { get; init; } = 1;

    internal static FirstMapSettings Read(ToolArguments a)
    {
        string? particles = a.Path("particles", required: true);
        if (particles is not null && !particles.EndsWith(".star", StringComparison.OrdinalIgnoreCase))
        {
            a.Errors.Add("inputs.particles", "particles must be a .star file.");
        }

        string symmetry = (a.Text("symmetry", "C1") ?? "C1").ToUpperInvariant();
        if (!SymmetryPattern().IsMatch(symmetry))
        {
            a.Errors.Add("parameters.symmetry", $"'{symmetry}' is not a point group RELION knows (C1, Cn, Dn, T, O, I, I1–I4).");
        }

        return new FirstMapSettings
        {
            Particles = particles ?? string.Empty,
            PixelSize = a.Number("pixelSize", null, 0.05, 50),
            ParticleDiameter = a.Number("particleDiameter", 0, 1, 5000, required: true) ?? 0,
            Symmetry = symmetry,
            Iterations = a.Integer("iterations", null, 10, 2000),
        };
    }

    [GeneratedRegex("^(C[1-9][0-9]*|D[2-9][0-9]*|T|O|I[1-4]?)$")]
    private static partial Regex SymmetryPattern();
}
