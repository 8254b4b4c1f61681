using Azure.Core;
using Scipion.Compute.AzureBatch;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;

namespace Scipion.AzureBatch.Tests;

/// <summary>A backend wired to a recording transport, a fixed token and a recorded (never slept) retry wait.</summary>
internal sealed class BatchHarness
{
    public const string Endpoint = "https://account.region.batch.azure.com";
    public const string WorkRoot = "/work/scipion";

    public BatchHarness(Action<BatchOptions>? configure = null)
    {
        configure?.Invoke(Options);
        Backend = new AzureBatchBackend(
            BatchPipeline.Create(Options, Credential, Transport, (delay, _) =>
            {
                Waits.Add(delay);
                return ValueTask.CompletedTask;
            }),
            Options,
            Files);
    }

    /// <summary>Stands in for project storage: URLs that say what they were signed for.</summary>
    public RecordingJobFileUrls Files { get; } = new();

    public RecordingTransport Transport { get; } = new();

    public List<TimeSpan> Waits { get; } = [];

    public FixedTokenCredential Credential { get; } = new();

    public BatchOptions Options { get; } = DefaultOptions();

    public AzureBatchBackend Backend { get; }

    public static BatchOptions DefaultOptions() => new()
    {
        AccountEndpoint = Endpoint,
        GpuPoolId = "gpu",
        MpiPoolId = "mpi",
        WorkRoot = WorkRoot,
        Pools =
        {
            ["gpu"] = new BatchPoolCapabilities { VmSize = "Standard_NC24ads_A100_v4", CoresPerNode = 24, GpusPerNode = 1, MemoryMegabytesPerNode = 220_000, MaxNodes = 4 },
            ["mpi"] = new BatchPoolCapabilities { VmSize = "Standard_HB120rs_v3", CoresPerNode = 120, MemoryMegabytesPerNode = 448_000, MaxNodes = 8, AutoScaleNodesPerTask = 2 },
        },
        Mount = { StorageAccountName = "stprojects" },
    };

    /// <summary>Motion correction of run r1 in project p1, as the movie-alignment tool plans it.</summary>
    public static JobDescription MotionCorrection(JobResources? resources = null) => new()
    {
        Id = JobId.For("r1", "MotionCorr"),
        WorkingDirectory = $"{WorkRoot}/p1/r1",
        JobFolder = "Runs/r1/MotionCorr/job001",
        Commands =
        [
            new CommandStep("relion_run_motioncorr", ["--i", "Runs/r1/Import/job001/movies.star", "--o", "Runs/r1/MotionCorr/job001/", "--use_own", "--j", "2"], "relion_run_motioncorr_mpi"),
        ],
        Resources = resources ?? new JobResources { Threads = 2, MemoryMegabytes = 4096, WallTime = TimeSpan.FromHours(2) },
        Outputs = ["Runs/r1/MotionCorr/job001/corrected_micrographs.star", "Runs/r1/MotionCorr/job001/Movies/*.mrc"],
    };

    /// <summary>3D refinement on several nodes, as RELION runs relion_refine_mpi.</summary>
    public static JobDescription Refinement(int ranks = 5, int threads = 60) => new()
    {
        Id = JobId.For("r1", "Refine3D"),
        WorkingDirectory = $"{WorkRoot}/p1/r1",
        JobFolder = "Runs/r1/Refine3D/job002",
        Commands = [new CommandStep("relion_refine", ["--o", "Runs/r1/Refine3D/job002/run", "--auto_refine", "--j", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)], "relion_refine_mpi")],
        Resources = new JobResources { Threads = threads, MpiRanks = ranks, MemoryMegabytes = 64_000, WallTime = TimeSpan.FromHours(12) },
        Outputs = ["Runs/r1/Refine3D/job002/run_class001.mrc"],
    };
}

internal sealed class RecordingJobFileUrls : IJobFileUrls
{
    public const string Account = "https://stdata.blob.core.windows.net";

    public List<(string ProjectId, TimeSpan Lifetime)> Signed { get; } = [];

    public Task<IReadOnlyList<SiteFile>> InputsAsync(string projectId, IEnumerable<string> paths, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        Signed.Add((projectId, lifetime));
        return Task.FromResult<IReadOnlyList<SiteFile>>([.. paths.Select(p => new SiteFile(p, new Uri($"{Account}/p-{projectId}/{p}?sp=r&sig=x")))]);
    }

    public Task<Uri> OutputsAsync(string projectId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        Signed.Add((projectId, lifetime));
        return Task.FromResult(new Uri($"{Account}/p-{projectId}?sp=cw&sig=x"));
    }
}

internal sealed class FixedTokenCredential : TokenCredential
{
    public const string Token = "test-token";

    public List<string[]> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Scopes.Add(requestContext.Scopes);
        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
