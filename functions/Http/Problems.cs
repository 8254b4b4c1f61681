using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Scipion.Core.Errors;

namespace Scipion.Functions.Http;

/// <summary>RFC 7807 problem details for every response that is not a success.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult From(ScipionError error) => Create(StatusOf(error.Kind), error.Title, error.Message, error.Errors);

    public static ObjectResult Create(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}";
        problem.Title = title;
        problem.Status = status;
        problem.Detail = detail;
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { ContentType } };
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.RequestTimeout => StatusCodes.Status408RequestTimeout,
        ErrorKind.NotSupported => StatusCodes.Status501NotImplemented,
        _ => StatusCodes.Status500InternalServerError,
    };
}
