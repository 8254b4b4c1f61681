namespace Scipion.Functions.Identity;

/// <summary>
/// The development token issuer. Only ever active in the Development environment; without a configured key
/// each process makes a random one, so no key needs to exist anywhere.
/// </summary>
public sealed class DevelopmentIdentityOptions
{
    public const string Section = "DevelopmentIdentity";

    /// <summary>Base64 of at least 32 bytes; tests set it to mint their own (expired, wrong-audience) tokens.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "https://scipion.local/development";

    public string Audience { get; set; } = "api://scipion-functions-development";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
