namespace Scipion.Testing;

/// <summary>
/// A real Azurite (Blob, Queue, Table) on free loopback ports with its own workspace, started by the tests
/// themselves. scripts/install-deps.sh installs it under .tools/node; AZURITE may name another binary.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's published development account key: public by design, valid nowhere else.</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private ChildProcess _process;
    private readonly string _workspace;

    private Azurite(ChildProcess process, string workspace, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _workspace = workspace;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("AZURITE");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var local = Path.Combine(RepositoryRoot.Path, ".tools", "node", "node_modules", ".bin", "azurite");
        if (File.Exists(local))
        {
            return local;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "azurite"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "Azurite is not installed: run scripts/install-deps.sh (it installs it under .tools/node).");
    }

    public static async Task<Azurite> StartAsync(string? workspace = null)
    {
        workspace ??= Directory.CreateTempSubdirectory("azurite-").FullName;
        int blobPort = FreePort.Next(), queuePort = FreePort.Next(), tablePort = FreePort.Next();
        var azurite = new Azurite(Launch(workspace, blobPort, queuePort, tablePort), workspace, blobPort, queuePort, tablePort);
        await azurite.WaitUntilListeningAsync();
        return azurite;
    }

    /// <summary>
    /// Stops Azurite as a service manager would (it saves its databases) and starts it again on the same ports and
    /// workspace, so everything connected to it sees a storage outage and then the same storage back.
    /// </summary>
    public async Task RestartAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(30));
        await _process.DisposeAsync();
        _process = Launch(_workspace, BlobPort, QueuePort, TablePort);
        await WaitUntilListeningAsync();
    }

    private static ChildProcess Launch(string workspace, int blobPort, int queuePort, int tablePort) =>
        ChildProcess.Start(FindExecutable(),
        [
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--location", workspace,
            "--blobPort", blobPort.ToString(), "--queuePort", queuePort.ToString(), "--tablePort", tablePort.ToString(),
        ]);

    private async Task WaitUntilListeningAsync()
    {
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            // Generous: on a loaded 2-core runner many test assemblies start their Azurites at once.
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromMinutes(2), () => _process.Output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // A workspace left behind in /tmp is harmless; a failed test run is not made worse by it.
        }
    }
}
