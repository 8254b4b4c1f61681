using Scipion.Core.Errors;

namespace Scipion.Core.Identity;

/// <summary>
/// User ids become storage keys (table partition keys), so characters those keys refuse are refused here,
/// before anything is written.
/// </summary>
public static class UserId
{
    public const int MaxLength = 256;

    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "A user id is required.";
        }

        if (value.Length > MaxLength)
        {
            return $"A user id has at most {MaxLength} characters.";
        }

        if (value.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?' or '%'))
        {
            return "A user id cannot contain control characters, '/', '\\', '#', '?' or '%'.";
        }

        return value.Trim() != value ? "A user id cannot start or end with white space." : null;
    }

    public static void Validate(string? value, string field = "user")
    {
        var problem = Problem(value);
        if (problem is not null)
        {
            throw ScipionError.Invalid(field, problem);
        }
    }
}
