namespace Scipion.Functions.Http;

/// <summary>
/// Finds '.' and '..' segments (also written %2e) in a request's target as the client sent it. The server collapses
/// them before routing (<c>/projects/{id}/members/%2e%2e</c> would become <c>/projects/{id}</c>), so a request that
/// has them is refused, never served on the route it collapses to.
/// </summary>
public static class DotSegments
{
    public const string Problem = "A request path cannot have '.' or '..' segments (also not written %2e).";

    /// <param name="rawTarget">The request target of the request line: origin form (<c>/api/…?…</c>) or absolute form.</param>
    public static bool Has(string? rawTarget)
    {
        if (string.IsNullOrEmpty(rawTarget))
        {
            return false;
        }

        var path = rawTarget;
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (!path.StartsWith('/') && scheme >= 0)
        {
            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path[slash..];
        }

        var end = path.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            path = path[..end];
        }

        foreach (var segment in path.Split('/'))
        {
            var decoded = segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            if (decoded is "." or "..")
            {
                return true;
            }
        }

        return false;
    }
}
