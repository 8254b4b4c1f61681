using Scipion.Cli.Transfer;

namespace Scipion.Cli.Tests;

public sealed class JournalTests
{
    [Fact]
    public void A_journal_torn_by_a_crash_mid_line_keeps_every_complete_entry_and_goes_on_appending()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("journal-").FullName, "j.jsonl");
        using (var journal = UploadJournal.Open(path))
        {
            var file = journal.Begin("p", "Movies/a.mrc", 10, DateTime.UnixEpoch, 4);
            journal.Staged(file, 0, file.BlockId(0), "md5-0");
            journal.Staged(file, 1, file.BlockId(1), "md5-1");
        }

        File.AppendAllText(path, "{\"op\":\"block\",\"project\":\"p\",\"pa");
        using (var journal = UploadJournal.Open(path))
        {
            var file = journal.Find("p", "Movies/a.mrc")!;
            Assert.Equal([0, 1], file.Blocks.Keys.Order());
            journal.Staged(file, 2, file.BlockId(2), "md5-2");
        }

        using var reopened = UploadJournal.Open(path);
        Assert.Equal([0, 1, 2], reopened.Find("p", "Movies/a.mrc")!.Blocks.Keys.Order());
    }

    [Fact]
    public void A_new_attempt_at_a_file_forgets_the_blocks_of_the_old_one()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("journal-").FullName, "j.jsonl");
        using var journal = UploadJournal.Open(path);
        var old = journal.Begin("p", "Movies/a.mrc", 10, DateTime.UnixEpoch, 4);
        journal.Staged(old, 0, old.BlockId(0), "md5-0");

        var fresh = journal.Begin("p", "Movies/a.mrc", 12, DateTime.UnixEpoch.AddSeconds(1), 4);
        journal.Staged(old, 1, old.BlockId(1), "late");

        Assert.Empty(journal.Find("p", "Movies/a.mrc")!.Blocks);
        Assert.NotEqual(old.BlockId(0), fresh.BlockId(0));
    }
}
