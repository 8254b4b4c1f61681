using Scipion.Core.Formats;
using Scipion.Synthetic;

namespace Scipion.Core.Tests.Synthetic;

public sealed class SyntheticTruthTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_synthetic_movie_has_its_frames_its_dose_and_a_drift_truth_file()
    {
        string path = _temp.File("Movies/m.mrcs");
        var movie = new SyntheticMovie { Size = 64, Frames = 6, CountsPerPixel = 5, Seed = 4 };
        var truth = movie.Write(path);
        truth.Write(_temp.File("Movies/m_truth.star"));

        var header = MrcFile.ReadHeader(path);
        Assert.Equal((64, 64, 6), (header.Nx, header.Ny, header.Nz));
        Assert.InRange(header.Mean, 4.0, 10.0);
        var back = DriftTruth.Read(_temp.File("Movies/m_truth.star"));
        Assert.Equal(6, back.Frames);
        Assert.Equal(0, back.X[0]);
        Assert.Equal(truth.X[5], back.X[5], 5);
        Assert.InRange(back.X[5], (0.6 * 5) - 1.5, (0.6 * 5) + 1.5);
    }

    [Fact]
    public void Half_maps_cross_fsc_0_143_at_the_requested_resolution()
    {
        var truth = SyntheticMap.Asymmetric(32, 2.0).Render();
        var (half1, half2) = SyntheticHalfMaps.Create(truth, 10.0, seed: 2);

        var fsc = FourierShellCorrelation.Between(half1, half2);

        Assert.InRange(fsc.ResolutionAt(0.143), 8.5, 11.5);
        Assert.Equal(1.0, FourierShellCorrelation.Between(truth, truth).Values[3], 6);
    }

    [Fact]
    public void Alignment_finds_a_mirrored_rotated_shifted_copy_of_the_truth()
    {
        var truth = SyntheticMap.Asymmetric(32, 4.0);
        var hidden = new RigidTransform(
            RigidTransform.Multiply(RigidTransform.AxisAngle(0.6, 0, 0.8, 1.1), RigidTransform.Mirror), 1.5, -1, 0.5);
        var copy = truth.Render(hidden);

        var found = MapAlignment.Align(copy, truth);
        var fsc = FourierShellCorrelation.Between(copy, truth.Render(found.Transform));

        Assert.True(found.Transform.IsMirrored);
        Assert.True(fsc.ResolutionAt(0.5) < 10, $"FSC 0.5 at {fsc.ResolutionAt(0.5):0.0} Å after alignment");
    }
}
