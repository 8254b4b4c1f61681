namespace Scipion.Synthetic;

/// <summary>
/// Maps a point of a reconstruction (pixels from its box centre) to the truth's frame:
/// truth = Rotation · result + Shift. The rotation may include a mirror (det −1), which is how
/// a reconstruction of the wrong hand is matched.
/// </summary>
public sealed record RigidTransform(double[] Rotation, double ShiftX, double ShiftY, double ShiftZ)
{
    public static RigidTransform Identity { get; } = new([1, 0, 0, 0, 1, 0, 0, 0, 1], 0, 0, 0);

    public bool IsMirrored => Determinant(Rotation) < 0;

    public (double X, double Y, double Z) ToTruth(double x, double y, double z)
    {
        var r = Rotation;
        return ((r[0] * x) + (r[1] * y) + (r[2] * z) + ShiftX,
                (r[3] * x) + (r[4] * y) + (r[5] * z) + ShiftY,
                (r[6] * x) + (r[7] * y) + (r[8] * z) + ShiftZ);
    }

    /// <summary>The inverse: orthogonal rotation, so its transpose.</summary>
    public (double X, double Y, double Z) ToResult(double x, double y, double z)
    {
        var r = Rotation;
        x -= ShiftX;
        y -= ShiftY;
        z -= ShiftZ;
        return ((r[0] * x) + (r[3] * y) + (r[6] * z),
                (r[1] * x) + (r[4] * y) + (r[7] * z),
                (r[2] * x) + (r[5] * y) + (r[8] * z));
    }

    public static double[] Multiply(double[] a, double[] b)
    {
        var c = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                c[(3 * i) + j] = (a[3 * i] * b[j]) + (a[(3 * i) + 1] * b[3 + j]) + (a[(3 * i) + 2] * b[6 + j]);
            }
        }

        return c;
    }

    /// <summary>Rotation by <paramref name="angle"/> radians about a unit axis (Rodrigues).</summary>
    public static double[] AxisAngle(double ax, double ay, double az, double angle)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle), t = 1 - c;
        return
        [
            (t * ax * ax) + c, (t * ax * ay) - (s * az), (t * ax * az) + (s * ay),
            (t * ax * ay) + (s * az), (t * ay * ay) + c, (t * ay * az) - (s * ax),
            (t * ax * az) - (s * ay), (t * ay * az) + (s * ax), (t * az * az) + c,
        ];
    }

    public static double[] Mirror { get; } = [1, 0, 0, 0, 1, 0, 0, 0, -1];

    private static double Determinant(double[] r) =>
        (r[0] * ((r[4] * r[8]) - (r[5] * r[7]))) - (r[1] * ((r[3] * r[8]) - (r[5] * r[6]))) + (r[2] * ((r[3] * r[7]) - (r[4] * r[6])));
}
