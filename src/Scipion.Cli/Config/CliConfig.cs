namespace Scipion.Cli.Config;

/// <summary>What `scipion login` remembers: the host and a bearer token for it.</summary>
public sealed record CliConfig(string? Host, string? Token, string? User, DateTimeOffset? ExpiresAt);
