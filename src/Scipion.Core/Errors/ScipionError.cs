namespace Scipion.Core.Errors;

/// <summary>
/// A failure the caller can act on. Adapters map <see cref="Kind"/> to their own status codes
/// (HTTP problem details, CLI messages), so the domain never speaks HTTP.
/// </summary>
public class ScipionError : Exception
{
    public ScipionError(ErrorKind kind, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(detail)
    {
        Kind = kind;
        Title = title;
        Errors = errors;
    }

    public ErrorKind Kind { get; }

    public string Title { get; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    public static ScipionError NotFound(string what) =>
        new(ErrorKind.NotFound, "Not found", $"{what} was not found.");

    public static ScipionError Forbidden(string detail) =>
        new(ErrorKind.Forbidden, "Forbidden", detail);

    public static ScipionError Conflict(string detail) =>
        new(ErrorKind.Conflict, "Conflict", detail);

    public static ScipionError Invalid(string field, string message) =>
        new(ErrorKind.Validation, "Invalid request", message, new Dictionary<string, string[]> { [field] = [message] });

    public static ScipionError Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ErrorKind.Validation, "Invalid request",
            string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    public static ScipionError NotSupported(string detail) =>
        new(ErrorKind.NotSupported, "Not supported", detail);
}
