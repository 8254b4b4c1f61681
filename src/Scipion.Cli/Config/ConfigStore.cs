using System.Text.Json;

namespace Scipion.Cli.Config;

/// <summary>~/.scipion/config.json; environment variables SCIPION_HOST and SCIPION_TOKEN override it.</summary>
public sealed class ConfigStore(CliContext context)
{
    public const string DefaultHost = "http://127.0.0.1:7071";

    private string FilePath => Path.Combine(context.ConfigDirectory, "config.json");

    public CliConfig Load()
    {
        var stored = File.Exists(FilePath)
            ? JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(FilePath), Json.Options) ?? Empty
            : Empty;
        return stored with
        {
            Host = context.Environment("SCIPION_HOST") is { Length: > 0 } host ? host : stored.Host ?? DefaultHost,
            Token = context.Environment("SCIPION_TOKEN") is { Length: > 0 } token ? token : stored.Token,
        };
    }

    public void Save(CliConfig config)
    {
        Directory.CreateDirectory(context.ConfigDirectory);
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(config, Json.Options));
        if (!OperatingSystem.IsWindows())
        {
            // The file holds a bearer token: readable by its owner only.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    private static CliConfig Empty => new(null, null, null, null);
}
