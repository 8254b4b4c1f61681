namespace Scipion.Api.Tests.Hostile;

/// <summary>What the contract says about a case's answer, beyond "never a 5xx, and every error a problem".</summary>
public enum Expect
{
    /// <summary>Anything but a 5xx: the input may be fine.</summary>
    Any,

    /// <summary>The contract refuses it: a 4xx, never a success or a redirect.</summary>
    Refused,
}

/// <summary>
/// Who sends a request. <see cref="User"/> is the user the token names when the token is valid, null when it is not
/// (missing, garbled, expired, forged): then the request must be refused whatever it asks.
/// </summary>
public sealed record Actor(string Label, string? User, string? Authorization)
{
    public bool Authenticated => User is not null;

    public override string ToString() => Label;
}

/// <summary>
/// One hostile request: <see cref="Target"/> is the request target exactly as sent (percent-encoding and dot segments
/// included), <see cref="ProjectId"/> the project it aims at where there is one.
/// </summary>
public sealed record HostileCase(
    string Route,
    string Method,
    string Target,
    Actor Actor,
    string? Body,
    string? ContentType,
    Expect Expect,
    string Why,
    string? ProjectId = null,
    UploadUse Use = UploadUse.None)
{
    public override string ToString()
    {
        var body = Body is null ? string.Empty : $" body={Shorten(Body)}";
        var type = ContentType is null ? string.Empty : $" content-type={ContentType}";
        var use = Use == UploadUse.None ? string.Empty : $" then {Use}";
        return $"[{Route}] {Method} {Shorten(Target)} as {Actor}{type}{body}{use} (expect {Expect}: {Why})";
    }

    private static string Shorten(string text) =>
        text.Length <= 240 ? text : $"{text[..200]}…({text.Length} chars)…{text[^30..]}";
}

/// <summary>What the suite does with an upload grant it obtained: nothing, use it as given, or tamper with it.</summary>
public enum UploadUse
{
    None,
    Put,
    PutElsewhereInProject,
    PutInAnotherProject,
    CopyFromAnotherProject,
}
