using System.Globalization;

namespace Scipion.Core.Tools;

/// <summary>
/// RELION's SGD initial-model schedule. The split (1:3:1 initial, in-between, final iterations) and the
/// 30 → 20 Å resolution ramp are what recovered a known map on CPU here; runs of 30–40 iterations
/// finished with exit code 0 and a wrong map, so fewer than 50 iterations is not offered by default.
/// </summary>
public sealed record SgdSchedule(int Initial, int InBetween, int Final, double InitialResolution, double FinalResolution, int InitialSubset, int FinalSubset)
{
    public int Total => Initial + InBetween + Final;

    public static SgdSchedule For(int? iterations, int particleCount, double pixelSize)
    {
        var (initial, inBetween, final) = iterations is { } total
            ? (Math.Max(1, total / 5), total - (2 * Math.Max(1, total / 5)), Math.Max(1, total / 5))
            : (50, 200, 50);

        // Neither resolution may pass Nyquist (with a margin), nor a subset the number of particles.
        double floor = 2.5 * pixelSize;
        return new SgdSchedule(initial, inBetween, final,
            Math.Max(30, floor), Math.Max(20, floor),
            Math.Clamp(100, 1, particleCount), Math.Clamp(200, 1, particleCount));
    }

    public IEnumerable<string> Arguments()
    {
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        return
        [
            "--sgd_ini_iter", I(Initial), "--sgd_inbetween_iter", I(InBetween), "--sgd_fin_iter", I(Final),
            "--sgd_ini_resol", F(InitialResolution), "--sgd_fin_resol", F(FinalResolution),
            "--sgd_ini_subset", I(InitialSubset), "--sgd_fin_subset", I(FinalSubset),
        ];
    }
}
