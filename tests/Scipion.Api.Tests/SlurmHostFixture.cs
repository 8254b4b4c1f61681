using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>
/// A real single-node Slurm (started here, as the Slurm backend's own tests start it) and a local host whose steps all
/// go to it (<c>Compute:Default=slurm</c>). Host and slurmd are on one machine, so the work root is shared by path, as a
/// cluster's shared filesystem would be. A Slurm that is not installed fails every test of the collection.
/// </summary>
public sealed class SlurmHostFixture : LocalHostFixture
{
    private Slurm? _slurm;

    public Slurm Slurm => _slurm ?? throw new InvalidOperationException("Slurm has not started.");

    public override string Backend => "slurm";

    public override IReadOnlyList<string> ComputeSettings(string workRoot) =>
    [
        "--Compute:Default=slurm",
        $"--Slurm:ConfigFile={Slurm.ConfigFile}",

        // Beside the work root, so a host started again on the same work root finds the jobs it submitted.
        $"--Slurm:StateDirectory={Path.Combine(workRoot, ".slurm-jobs")}",
    ];

    public override async Task InitializeAsync()
    {
        _slurm = await Slurm.StartAsync();
        try
        {
            await base.InitializeAsync();
        }
        catch
        {
            // Stop the daemons this fixture started: a failed start must not leave a cluster running.
            await _slurm.DisposeAsync();
            _slurm = null;
            throw;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_slurm is not null)
        {
            await _slurm.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SlurmHostCollection : ICollectionFixture<SlurmHostFixture>
{
    public const string Name = "local host on slurm";
}
