using Xunit;
using Scipion.Core.Results;
using Scipion.Synthetic;

namespace Scipion.Testing;

public static class DriftError
{
    /// <summary>
    /// RMS over frames of the difference between RELION's estimated shifts (the correction, frame 1 = 0) and the
    /// negated true drift relative to frame 1, in pixels.
    /// </summary>
    public static double RmsPixels(MovieDrift estimated, DriftTruth truth)
    {
        var frames = Math.Min(estimated.Frames, truth.Frames);
        var sum = 0.0;
        for (var f = 0; f < frames; f++)
        {
            var dx = estimated.ShiftX[f] + (truth.X[f] - truth.X[0]);
            var dy = estimated.ShiftY[f] + (truth.Y[f] - truth.Y[0]);
            sum += (dx * dx) + (dy * dy);
        }

        return Math.Sqrt(sum / frames);
    }
}
