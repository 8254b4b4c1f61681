using Scipion.Core.Formats;

namespace Scipion.Synthetic;

/// <summary>
/// The known specimen drift of a synthetic movie, in pixels, per frame. Saved as STAR next to the movie.
/// Motion-correction programs report the correction, which is the negative of this drift relative to frame 1.
/// </summary>
public sealed record DriftTruth(IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    public int Frames => X.Count;

    public void Write(string path)
    {
        var star = new StarFile();
        var table = star.AddBlock("drift").AddLoop("rlnMovieFrameNumber", "scipionDriftX", "scipionDriftY");
        for (int f = 0; f < Frames; f++)
        {
            table.AddRow(f + 1, X[f], Y[f]);
        }

        star.Write(path);
    }

    public static DriftTruth Read(string path)
    {
        var table = StarFile.Read(path)["drift"].Table;
        return new DriftTruth(table.Doubles("scipionDriftX"), table.Doubles("scipionDriftY"));
    }
}
