namespace Scipion.Functions.Http;

/// <summary>
/// Every route of the REST contract, relative to the host's <c>api</c> prefix. The function attributes use
/// these, and the local host maps the same attributes, so each route is written exactly once.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";
    public const string DevelopmentToken = "dev/token";
    public const string Projects = "projects";
    public const string Project = "projects/{projectId}";
    public const string Member = "projects/{projectId}/members/{user}";
    public const string Uploads = "projects/{projectId}/uploads";
    public const string Files = "projects/{projectId}/files";
    public const string File = "projects/{projectId}/files/{*path}";
    public const string TransferUrl = "projects/{projectId}/transfer-url";
    public const string Tools = "tools";
    public const string Runs = "projects/{projectId}/runs";
    public const string Run = "projects/{projectId}/runs/{runId}";
    public const string CancelRun = "projects/{projectId}/runs/{runId}/cancel";

    /// <summary>The web page in Azure (the Functions host keeps "/" for itself); not part of the REST contract.</summary>
    public const string WebPage = "ui/{*path}";
}
