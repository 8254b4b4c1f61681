namespace Scipion.Science.Tests;

/// <summary>A project-like scratch folder for one test class; kept when SCIPION_KEEP_TEST_FILES is set, for inspection.</summary>
public sealed class Workspace : IDisposable
{
    public Workspace(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scipion-science", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    public string FullPathOf(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("SCIPION_KEEP_TEST_FILES") is null)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
