using System.Text.RegularExpressions;
using Scipion.Core.Formats;

namespace Scipion.Core.Results;

/// <summary>The last map an SGD initial-model job wrote (<c>run_itNNN_class001.mrc</c>).</summary>
public sealed partial record InitialModelResult(string MapPath, int Iteration, MrcHeader Header, MapStatistics Statistics)
{
    /// <param name="jobFolder">The job folder, e.g. <c>…/InitialModel/job001</c> (a full path).</param>
    public static InitialModelResult Find(string jobFolder)
    {
        var last = Directory.Exists(jobFolder)
            ? Directory.EnumerateFiles(jobFolder, "run_it*_class001.mrc")
                .Select(f => (Path: f, Match: IterationPattern().Match(Path.GetFileName(f))))
                .Where(f => f.Match.Success)
                .MaxBy(f => int.Parse(f.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            : default;
        if (last.Path is null)
        {
            throw new FileNotFoundException($"{jobFolder} holds no run_itNNN_class001.mrc; the initial model did not write a map.");
        }

        var map = MrcFile.Read(last.Path);
        return new InitialModelResult(last.Path, int.Parse(last.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            MrcFile.ReadHeader(last.Path), map.Statistics());
    }

    [GeneratedRegex(@"^run_it(\d+)_class001\.mrc$")]
    private static partial Regex IterationPattern();
}
