using System.Globalization;
using System.Text.RegularExpressions;

namespace Scipion.Compute.Local;

/// <summary>
/// How far the running command is, when its log says so: relion_refine prints
/// "Stochastic Gradient Descent iteration 8 of 100" (and "Expectation iteration N of M").
/// </summary>
internal static partial class LogProgress
{
    public static double? Of(string logTail)
    {
        var last = IterationPattern().Matches(logTail).LastOrDefault();
        if (last is null)
        {
            return null;
        }

        double done = double.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture);
        double total = double.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture);
        return total > 0 ? Math.Clamp((done - 1) / total, 0, 1) : null;
    }

    [GeneratedRegex(@"iteration (\d+) of (\d+)")]
    private static partial Regex IterationPattern();
}
