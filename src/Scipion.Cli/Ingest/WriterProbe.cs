namespace Scipion.Cli.Ingest;

/// <summary>
/// Whether some program still holds a movie open for writing. On Windows (where EPU runs) the writer's share mode
/// refuses an exclusive open; on Linux .NET maps share modes onto advisory locks, which cooperating writers take.
/// The settle time covers writers that take no lock at all.
/// </summary>
public static class WriterProbe
{
    public static bool IsFree(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // Not a writer's lock but missing permission: let the upload try, fail and say so, with backoff.
            return true;
        }
    }
}
