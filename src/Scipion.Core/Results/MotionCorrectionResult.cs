using Scipion.Core.Formats;

namespace Scipion.Core.Results;

/// <summary>Reads a motion-correction job's <c>corrected_micrographs.star</c> and each movie's shifts STAR file.</summary>
public sealed record MotionCorrectionResult(double PixelSize, IReadOnlyList<MovieDrift> Movies)
{
    /// <param name="workingDirectory">The folder RELION ran in; the STAR files' paths are relative to it.</param>
    /// <param name="micrographsStar">The <c>corrected_micrographs.star</c>, relative to the working directory.</param>
    public static MotionCorrectionResult Read(string workingDirectory, string micrographsStar)
    {
        var star = StarFile.Read(Path.Combine(workingDirectory, micrographsStar));
        var optics = star["optics"].Table;
        double pixelSize = optics.HasColumn("rlnMicrographPixelSize") ? optics.GetDouble(0, "rlnMicrographPixelSize") : 0;
        var micrographs = star["micrographs"].Table;
        var movies = new List<MovieDrift>();
        for (int row = 0; row < micrographs.RowCount; row++)
        {
            string micrograph = micrographs.Get(row, "rlnMicrographName");
            string shiftsFile = micrographs.Get(row, "rlnMicrographMetadata");
            var metadata = StarFile.Read(Path.Combine(workingDirectory, shiftsFile));
            var shifts = metadata["global_shift"].Table;
            movies.Add(new MovieDrift(
                metadata["general"].Get("rlnMicrographMovieName") ?? micrograph,
                micrograph,
                shiftsFile,
                shifts.Doubles("rlnMicrographShiftX"),
                shifts.Doubles("rlnMicrographShiftY")));
        }

        return new MotionCorrectionResult(pixelSize, movies);
    }
}
