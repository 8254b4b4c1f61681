namespace Scipion.Core.Identity;

/// <summary>The authenticated user behind a request: the token's <c>oid</c> (Entra ID) or <c>sub</c>.</summary>
public sealed record Caller(string UserId);
