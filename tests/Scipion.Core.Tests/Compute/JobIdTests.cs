using Scipion.Core.Compute;

namespace Scipion.Core.Tests.Compute;

public sealed class JobIdTests
{
    [Fact]
    public void The_same_run_and_step_always_give_the_same_id()
    {
        Assert.Equal(JobId.For("run-1", "motion-correction"), JobId.For("run-1", "motion-correction"));
        Assert.NotEqual(JobId.For("run-1", "import"), JobId.For("run-1", "motion-correction"));
        Assert.NotEqual(JobId.For("run-1", "import"), JobId.For("run-2", "import"));
    }

    [Fact]
    public void Ids_are_safe_as_file_names()
    {
        var id = JobId.For("a/b c", "../step");
        Assert.DoesNotContain('/', id.Value);
        Assert.DoesNotContain(' ', id.Value);
        Assert.Equal(id, JobId.Parse(id.Value));
        Assert.Throws<FormatException>(() => JobId.Parse("a/b"));
    }
}
