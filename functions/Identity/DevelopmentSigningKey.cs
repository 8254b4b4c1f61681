using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Scipion.Functions.Identity;

public sealed class DevelopmentSigningKey(IOptions<DevelopmentIdentityOptions> options)
{
    public SymmetricSecurityKey Key { get; } = Create(options.Value.SigningKey);

    private static SymmetricSecurityKey Create(string? configured)
    {
        var bytes = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configured);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException($"{DevelopmentIdentityOptions.Section}:SigningKey must be at least 32 bytes (base64).");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = "scipion-development" };
    }
}
