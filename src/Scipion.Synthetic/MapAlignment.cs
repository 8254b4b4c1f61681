using Scipion.Core.Formats;

namespace Scipion.Synthetic;

/// <summary>
/// Finds the rigid transform (rotation, mirror or not, and shift) that best superposes a de novo
/// reconstruction on a known map. De novo maps come in an arbitrary orientation and either hand,
/// so a global search over rotations in both hands comes first, then a local refinement.
/// </summary>
public static class MapAlignment
{
    public sealed record Result(RigidTransform Transform, double Correlation);

    public static Result Align(DensityMap reconstruction, SyntheticMap truth)
    {
        var truthMap = truth.Render();
        int n = reconstruction.Nx;
        var sampled = SignificantVoxels(reconstruction);
        var (rx, ry, rz) = CentreOfMass(reconstruction);
        var (tx, ty, tz) = CentreOfMass(truthMap);

        // Global search: 400 directions × 24 in-plane turns (~10–15°) × 2 hands on a sparse voxel subset; refinement does the rest.
        var coarse = sampled.Where((_, i) => i % 6 == 0).ToArray();
        var candidates = new List<Result>();
        foreach (var rotation in RotationGrid(400, 24))
        {
            foreach (var hand in new[] { rotation, RigidTransform.Multiply(rotation, RigidTransform.Mirror) })
            {
                var transform = Centred(hand, rx, ry, rz, tx, ty, tz, n);
                candidates.Add(new Result(transform, Score(coarse, transform, truthMap)));
            }
        }

        var best = candidates.OrderByDescending(c => c.Correlation).Take(8)
            .Select(c => Refine(c.Transform, sampled, truthMap))
            .OrderByDescending(c => c.Correlation)
            .First();
        return best;
    }

    private static Result Refine(RigidTransform start, Voxel[] voxels, DensityMap truthMap)
    {
        var current = start;
        double score = Score(voxels, current, truthMap);
        double angle = 6 * Math.PI / 180, shift = 1.0;
        while (angle > 0.2 * Math.PI / 180)
        {
            bool improved = false;
            foreach (var candidate in Neighbours(current, angle, shift))
            {
                double s = Score(voxels, candidate, truthMap);
                if (s > score)
                {
                    (current, score, improved) = (candidate, s, true);
                }
            }

            if (!improved)
            {
                angle /= 2;
                shift /= 2;
            }
        }

        return new Result(current, score);
    }

    private static IEnumerable<RigidTransform> Neighbours(RigidTransform t, double angle, double shift)
    {
        double[][] axes = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
        foreach (var axis in axes)
        {
            foreach (int sign in new[] { -1, 1 })
            {
                var turn = RigidTransform.AxisAngle(axis[0], axis[1], axis[2], sign * angle);
                yield return t with { Rotation = RigidTransform.Multiply(turn, t.Rotation) };
            }
        }

        foreach (int sign in new[] { -1, 1 })
        {
            yield return t with { ShiftX = t.ShiftX + (sign * shift) };
            yield return t with { ShiftY = t.ShiftY + (sign * shift) };
            yield return t with { ShiftZ = t.ShiftZ + (sign * shift) };
        }
    }

    // Shift so the reconstruction's centre of mass lands on the truth's; both relative to box centres.
    private static RigidTransform Centred(double[] rotation, double rx, double ry, double rz, double tx, double ty, double tz, int n)
    {
        double c = n / 2;
        var t = new RigidTransform(rotation, 0, 0, 0);
        var (mx, my, mz) = t.ToTruth(rx - c, ry - c, rz - c);
        return t with { ShiftX = tx - c - mx, ShiftY = ty - c - my, ShiftZ = tz - c - mz };
    }

    private readonly record struct Voxel(double X, double Y, double Z, double Value);

    private static Voxel[] SignificantVoxels(DensityMap map)
    {
        var stats = map.Statistics();
        double threshold = stats.Mean + stats.Rms;
        double c = map.Nx / 2;
        var voxels = new List<Voxel>();
        for (int z = 0; z < map.Nz; z++)
        {
            for (int y = 0; y < map.Ny; y++)
            {
                for (int x = 0; x < map.Nx; x++)
                {
                    float v = map[x, y, z];
                    if (v > threshold)
                    {
                        voxels.Add(new Voxel(x - c, y - c, z - c, v - stats.Mean));
                    }
                }
            }
        }

        return [.. voxels];
    }

    private static (double X, double Y, double Z) CentreOfMass(DensityMap map)
    {
        var stats = map.Statistics();
        double threshold = stats.Mean + stats.Rms, sum = 0, sx = 0, sy = 0, sz = 0;
        for (int z = 0; z < map.Nz; z++)
        {
            for (int y = 0; y < map.Ny; y++)
            {
                for (int x = 0; x < map.Nx; x++)
                {
                    double v = map[x, y, z] - threshold;
                    if (v > 0)
                    {
                        sum += v;
                        sx += v * x;
                        sy += v * y;
                        sz += v * z;
                    }
                }
            }
        }

        return sum > 0 ? (sx / sum, sy / sum, sz / sum) : (map.Nx / 2, map.Ny / 2, map.Nz / 2);
    }

    private static double Score(Voxel[] voxels, RigidTransform transform, DensityMap truth)
    {
        double c = truth.Nx / 2, sum = 0;
        foreach (var v in voxels)
        {
            var (x, y, z) = transform.ToTruth(v.X, v.Y, v.Z);
            sum += v.Value * Trilinear(truth, x + c, y + c, z + c);
        }

        return sum;
    }

    private static double Trilinear(DensityMap map, double x, double y, double z)
    {
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y), z0 = (int)Math.Floor(z);
        if (x0 < 0 || y0 < 0 || z0 < 0 || x0 >= map.Nx - 1 || y0 >= map.Ny - 1 || z0 >= map.Nz - 1)
        {
            return 0;
        }

        double fx = x - x0, fy = y - y0, fz = z - z0;
        double Lerp(double a, double b, double f) => a + ((b - a) * f);
        double c00 = Lerp(map[x0, y0, z0], map[x0 + 1, y0, z0], fx);
        double c10 = Lerp(map[x0, y0 + 1, z0], map[x0 + 1, y0 + 1, z0], fx);
        double c01 = Lerp(map[x0, y0, z0 + 1], map[x0 + 1, y0, z0 + 1], fx);
        double c11 = Lerp(map[x0, y0 + 1, z0 + 1], map[x0 + 1, y0 + 1, z0 + 1], fx);
        return Lerp(Lerp(c00, c10, fy), Lerp(c01, c11, fy), fz);
    }

    /// <summary>Near-uniform rotations: Fibonacci-sphere directions for the z axis, then turns about it.</summary>
    private static IEnumerable<double[]> RotationGrid(int directions, int turns)
    {
        double golden = Math.PI * (3 - Math.Sqrt(5));
        for (int i = 0; i < directions; i++)
        {
            double z = 1 - (2 * (i + 0.5) / directions), r = Math.Sqrt(1 - (z * z)), phi = golden * i;
            double dx = r * Math.Cos(phi), dy = r * Math.Sin(phi);

            // A rotation taking the z axis to (dx, dy, z): about z × d by acos(z).
            double ax = -dy, ay = dx, norm = Math.Sqrt((ax * ax) + (ay * ay));
            double[] tilt = norm < 1e-9
                ? (z > 0 ? RigidTransform.Identity.Rotation : RigidTransform.AxisAngle(1, 0, 0, Math.PI))
                : RigidTransform.AxisAngle(ax / norm, ay / norm, 0, Math.Acos(Math.Clamp(z, -1, 1)));
            for (int k = 0; k < turns; k++)
            {
                yield return RigidTransform.Multiply(tilt, RigidTransform.AxisAngle(0, 0, 1, 2 * Math.PI * k / turns));
            }
        }
    }
}
