using System.Text.Json.Nodes;
using Scipion.Core.Events;
using Scipion.Core.Runs;
using Xunit;

namespace Scipion.Core.Tests.Events;

/// <summary>What a streaming run takes: the events and the reconciliation pass ask the same question here.</summary>
public sealed class StreamingMoviesTests
{
    [Theory]
    [InlineData(null, "Movies/a.tif", true)]
    [InlineData(null, "Movies/day1/a.EER", true)]
    [InlineData(null, "Movies/notes.txt", false)]
    [InlineData(null, "Other/a.tif", false)]
    [InlineData("Movies/*.mrcs", "Movies/a.mrcs", true)]
    [InlineData("Movies/*.mrcs", "Movies/a.tif", false)]
    [InlineData("**/*.mrc", "Grid2/a.mrc", true)]
    [InlineData("**/*.mrc", "Runs/r1/MotionCorr/job002/Movies/a.mrc", false)]
    public void A_streaming_run_takes_movies_matching_its_glob_and_never_run_outputs(string? glob, string path, bool taken)
    {
        var inputs = glob is null ? new JsonObject() : new JsonObject { ["movies"] = glob };
        var run = new Run("p", "r", "pipeline", RunStatus.Running, default, default, "u", inputs,
            new JsonObject { ["streaming"] = true }, [], [], [], null);

        Assert.Equal(taken, StreamingMovies.Takes(run, path));
    }
}
