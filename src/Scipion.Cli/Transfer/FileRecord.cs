namespace Scipion.Cli.Transfer;

public sealed record StagedBlock(string Id, string Md5);

/// <summary>One file's state in the upload journal: its current attempt, the blocks staged for it, and whether it is done.</summary>
public sealed class FileRecord(string project, string path, string attempt, long size, DateTime lastWriteUtc, int blockSize)
{
    public string Project { get; } = project;

    public string Path { get; } = path;

    /// <summary>A short random tag in every block id, so blocks of an abandoned attempt are never mistaken for this one's.</summary>
    public string Attempt { get; } = attempt;

    public long Size { get; } = size;

    public DateTime LastWriteUtc { get; } = lastWriteUtc;

    public int BlockSize { get; } = blockSize;

    public Dictionary<int, StagedBlock> Blocks { get; private init; } = [];

    /// <summary>Set just before the block list is committed: after a crash, the blob may already hold this content.</summary>
    public string? CommittingMd5 { get; set; }

    public string? Md5 { get; set; }

    public bool IsDone { get; set; }

    public int BlockCount => Size == 0 ? 0 : (int)((Size + BlockSize - 1) / BlockSize);

    public string BlockId(int index) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{Attempt}-{index:D6}"));

    public FileRecord Copy() => new(Project, Path, Attempt, Size, LastWriteUtc, BlockSize)
    {
        Blocks = new Dictionary<int, StagedBlock>(Blocks),
        CommittingMd5 = CommittingMd5,
        Md5 = Md5,
        IsDone = IsDone,
    };
}
