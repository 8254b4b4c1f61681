using System.Text;
using System.Text.Json;

namespace Scipion.Cli.Transfer;

/// <summary>
/// An append-only journal (JSON lines) of what has reached storage: for each file, the attempt it belongs to,
/// each staged block (id and MD5), the moment its block list was about to be committed, and its completion.
/// Appending one short line per event keeps it cheap and crash-safe: a torn last line is simply ignored on load,
/// and an interrupted upload resumes without re-sending what the journal says is staged.
/// </summary>
public sealed class UploadJournal : IDisposable
{
    private readonly Dictionary<(string Project, string Path), FileRecord> _files = [];
    private readonly Lock _gate = new();
    private readonly FileStream _stream;

    private UploadJournal(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Opens (creating if needed) the journal and replays it.</summary>
    public static UploadJournal Open(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Exclusive: two agents on one folder would each upload what the other has not journaled yet.
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var journal = new UploadJournal(path, stream);
        journal.Replay();
        return journal;
    }

    public FileRecord? Find(string project, string path)
    {
        lock (_gate)
        {
            return _files.GetValueOrDefault((project, path))?.Copy();
        }
    }

    public IReadOnlyList<FileRecord> All()
    {
        lock (_gate)
        {
            return [.. _files.Values.Select(f => f.Copy())];
        }
    }

    /// <summary>Starts a fresh attempt at a file: whatever was staged for an earlier attempt no longer counts.</summary>
    public FileRecord Begin(string project, string path, long size, DateTime lastWriteUtc, int blockSize)
    {
        var entry = new JournalEntry
        {
            Op = "begin", Project = project, Path = path, Size = size, LastWrite = lastWriteUtc, BlockSize = blockSize,
            Attempt = Guid.NewGuid().ToString("N")[..8],
        };
        Append(entry);
        return Find(project, path)!;
    }

    public void Staged(FileRecord file, int index, string blockId, string md5) =>
        Append(new JournalEntry { Op = "block", Project = file.Project, Path = file.Path, Attempt = file.Attempt, Index = index, BlockId = blockId, Md5 = md5 });

    public void Committing(FileRecord file, string md5) =>
        Append(new JournalEntry { Op = "commit", Project = file.Project, Path = file.Path, Attempt = file.Attempt, Md5 = md5 });

    public void Done(FileRecord file, string md5) =>
        Append(new JournalEntry { Op = "done", Project = file.Project, Path = file.Path, Attempt = file.Attempt, Md5 = md5 });

    public void Dispose() => _stream.Dispose();

    private void Append(JournalEntry entry)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json.Compact) + "\n");
        lock (_gate)
        {
            _stream.Seek(0, SeekOrigin.End);
            _stream.Write(line);
            // Flushed to the OS on every event: a killed process loses nothing it claims to have staged.
            _stream.Flush(flushToDisk: false);
            Apply(entry);
        }
    }

    private void Replay()
    {
        using var reader = new StreamReader(_stream, Encoding.UTF8, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            JournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<JournalEntry>(line, Json.Compact);
            }
            catch (JsonException)
            {
                continue; // A line torn by a crash mid-write.
            }

            if (entry?.Project is not null && entry.Path is not null)
            {
                Apply(entry);
            }
        }

        // A torn last line has no newline; start the next entry on a line of its own.
        if (_stream.Length > 0)
        {
            _stream.Seek(-1, SeekOrigin.End);
            if (_stream.ReadByte() != '\n')
            {
                _stream.WriteByte((byte)'\n');
            }
        }
    }

    private void Apply(JournalEntry entry)
    {
        var key = (entry.Project!, entry.Path!);
        if (entry.Op == "begin")
        {
            _files[key] = new FileRecord(entry.Project!, entry.Path!, entry.Attempt!, entry.Size ?? 0, entry.LastWrite ?? default, entry.BlockSize ?? 0);
            return;
        }

        if (!_files.TryGetValue(key, out var file) || file.Attempt != entry.Attempt)
        {
            return; // Belongs to an attempt a later "begin" replaced.
        }

        switch (entry.Op)
        {
            case "block":
                file.Blocks[entry.Index ?? -1] = new StagedBlock(entry.BlockId!, entry.Md5!);
                break;
            case "commit":
                file.CommittingMd5 = entry.Md5;
                break;
            case "done":
                file.Md5 = entry.Md5;
                file.IsDone = true;
                break;
        }
    }

    private sealed class JournalEntry
    {
        public string? Op { get; set; }

        public string? Project { get; set; }

        public string? Path { get; set; }

        public string? Attempt { get; set; }

        public long? Size { get; set; }

        public DateTime? LastWrite { get; set; }

        public int? BlockSize { get; set; }

        public int? Index { get; set; }

        public string? BlockId { get; set; }

        public string? Md5 { get; set; }
    }
}
