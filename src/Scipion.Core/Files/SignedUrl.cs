namespace Scipion.Core.Files;

/// <summary>A bearer URL: whoever holds it may do what it was signed for until <see cref="ExpiresAt"/>.</summary>
public sealed record SignedUrl(Uri Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);
