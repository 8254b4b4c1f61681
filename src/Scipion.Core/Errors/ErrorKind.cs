namespace Scipion.Core.Errors;

public enum ErrorKind
{
    Validation,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    PayloadTooLarge,

    /// <summary>The request did not arrive in time (a body that stalls or trickles).</summary>
    RequestTimeout,
    NotSupported,
}
