using Scipion.Core.Errors;
using Scipion.Core.Formats;

namespace Scipion.Core.Tools;

/// <summary>What planning needs to know of a particles STAR file: count, stacks, box and pixel size.</summary>
internal sealed record ParticleSet(int Count, IReadOnlyList<string> Stacks, int BoxSize, double? PixelSize)
{
    public static ParticleSet Read(ToolWorkspace workspace, string path)
    {
        const string Field = "inputs.particles";
        if (!workspace.Exists(path))
        {
            throw ScipionError.Invalid(Field, $"{path} is not in the project.");
        }

        StarFile star;
        try
        {
            star = StarFile.Read(workspace.FullPath(path));
        }
        catch (StarFormatException e)
        {
            throw ScipionError.Invalid(Field, $"{path}:{e.Line}: {e.Problem}.");
        }

        var block = star.Find("particles") ?? star.Blocks.FirstOrDefault(b => b.Loops.Any(l => l.HasColumn("rlnImageName")));
        if (block is null || !block.Loops.Any(l => l.HasColumn("rlnImageName")))
        {
            throw ScipionError.Invalid(Field, $"{path} has no particles table (a loop with _rlnImageName).");
        }

        if (!star.HasBlock("optics"))
        {
            throw ScipionError.Invalid(Field, $"{path} has no data_optics block; RELION 3.1 needs one (relion_convert_star converts older files).");
        }

        var table = block.Loops.First(l => l.HasColumn("rlnImageName"));
        if (table.RowCount == 0)
        {
            throw ScipionError.Invalid(Field, $"{path} lists no particles.");
        }

        // Every name is checked before any is opened: one outside the project is refused whether or not it exists.
        StarReferences.Demand(path, star, Field);
        var stacks = table.Column("rlnImageName")
            .Select(StarReferences.PathOf)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        MrcHeader? first = null;
        foreach (string stack in stacks)
        {
            if (!workspace.Exists(stack))
            {
                throw ScipionError.Invalid(Field, $"{path} points at {stack}, which is not in the project.");
            }

            try
            {
                var header = MrcFile.ReadHeader(workspace.FullPath(stack));
                first ??= header;
                if (header.Nx != header.Ny || header.Nx != first.Nx)
                {
                    throw ScipionError.Invalid(Field, $"{stack} holds {header.Nx}x{header.Ny} images; all particles must share one square box.");
                }
            }
            catch (MrcFormatException e)
            {
                throw ScipionError.Invalid(Field, $"{stack}: {e.Problem}.");
            }
        }

        var optics = star["optics"].Loops.FirstOrDefault();
        double? pixelSize = optics is not null && optics.RowCount > 0 && optics.HasColumn("rlnImagePixelSize")
            ? optics.GetDouble(0, "rlnImagePixelSize")
            : first!.PixelSize > 0 ? first.PixelSize : null;
        return new ParticleSet(table.RowCount, stacks, first!.Nx, pixelSize);
    }
}
