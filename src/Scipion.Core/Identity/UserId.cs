using Scipion.Core.Errors;

namespace Scipion.Core.Identity;

/// <summary>
/// User ids as the contract allows them: 1–128 characters of letters, digits, '-', '_', '.' and '@', never '.' or '..'
/// alone. They become storage keys and URL segments, so nothing else gets through (a '..' would be a dot segment).
/// </summary>
public static class UserId
{
    public const int MaxLength = 128;

    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "A user id is required.";
        }

        if (value.Length > MaxLength)
        {
            return $"A user id has at most {MaxLength} characters.";
        }

        if (!value.All(IsAllowed))
        {
            return "A user id has only letters, digits, '-', '_', '.' and '@'.";
        }

        return value is "." or ".." ? "A user id cannot be '.' or '..'." : null;
    }

    public static void Validate(string? value, string field = "user")
    {
        var problem = Problem(value);
        if (problem is not null)
        {
            throw ScipionError.Invalid(field, problem);
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@';
}
