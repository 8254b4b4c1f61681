namespace Scipion.Core.Results;

/// <summary>
/// The global shifts RELION applied to one movie's frames, in unbinned pixels, frame 1 = 0.
/// They are the correction: the specimen drifted by the negative of these.
/// </summary>
public sealed record MovieDrift(string Movie, string Micrograph, string ShiftsFile, double[] ShiftX, double[] ShiftY)
{
    public int Frames => ShiftX.Length;

    /// <summary>Path length of the trajectory, in pixels.</summary>
    public double TotalMotion => Enumerable.Range(1, Math.Max(0, Frames - 1))
        .Sum(f => Math.Sqrt(Math.Pow(ShiftX[f] - ShiftX[f - 1], 2) + Math.Pow(ShiftY[f] - ShiftY[f - 1], 2)));
}
