using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Scipion.Testing;
using Xunit;

namespace Scipion.Slurm.Tests;

/// <summary>One real Slurm for the whole test run; the tests that use it run one after another in its collection.</summary>
public sealed class SlurmFixture : IAsyncLifetime
{
    private Testing.Slurm? _slurm;

    public Testing.Slurm Slurm => _slurm ?? throw new InvalidOperationException("Slurm has not started.");

    public async Task InitializeAsync() => _slurm = await Testing.Slurm.StartAsync();

    public async Task DisposeAsync()
    {
        if (_slurm is not null)
        {
            await _slurm.DisposeAsync();
        }
    }

    public SlurmOptions Options(string? configFile = null, TimeSpan? commandTimeout = null, string? stateDirectory = null) => new()
    {
        ConfigFile = configFile ?? Slurm.ConfigFile,
        CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(30),
        StateDirectory = stateDirectory ?? Directory.CreateTempSubdirectory("slurm-jobs-").FullName,
    };

    public SlurmBackend Backend() => new(Options());

    /// <summary>A job in a fresh working directory of its own, with a unique id.</summary>
    public static JobDescription Job(IReadOnlyList<CommandStep> commands, JobResources? resources = null, IReadOnlyList<string>? outputs = null, string? queue = null) => new()
    {
        Id = JobId.For($"r{Guid.NewGuid():N}"[..12], "step"),
        WorkingDirectory = Directory.CreateTempSubdirectory("slurm-work-").FullName,
        JobFolder = "Runs/r1/Step/job001",
        Commands = commands,
        Resources = resources ?? new JobResources { MemoryMegabytes = 256, WallTime = TimeSpan.FromMinutes(10) },
        Outputs = outputs ?? [],
        Queue = queue,
    };

    public static CommandStep Shell(string script) => new("sh", ["-c", script]);

    /// <summary>Polls until the job has finished; the guard only stops a broken test from hanging the run.</summary>
    public static async Task<JobStatus> WaitAsync(IComputeBackend backend, JobId id, Func<JobStatus, bool>? until = null)
    {
        until ??= s => s.State.IsFinished();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var status = await backend.GetStatusAsync(id, guard.Token);
            if (until(status))
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), guard.Token);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmFixture>
{
    public const string Name = "slurm";
}
