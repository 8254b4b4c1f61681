using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Scipion.Functions.Web;

/// <summary>
/// The web page's static files, kept once in the repository's <c>web/</c> folder and copied next to the app's
/// binaries, so the Functions app and the local host serve the very same files.
/// </summary>
public static class WebPageFiles
{
    public const string Folder = "web";
    public const string IndexFile = "index.html";

    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, Folder);

    // A host built without the folder still starts (the API does not need the page); it just serves no page.
    public static IFileProvider Provider { get; } = Directory.Exists(Root) ? new PhysicalFileProvider(Root) : new NullFileProvider();

    public static FileExtensionContentTypeProvider ContentTypes { get; } = new();

    /// <summary>The file at a relative path, or null. The provider already refuses paths that leave the folder.</summary>
    public static IFileInfo? Find(string? path)
    {
        var relative = string.IsNullOrEmpty(path) ? IndexFile : path;
        var file = Provider.GetFileInfo(relative);
        return file.Exists && !file.IsDirectory ? file : null;
    }

    public static string ContentType(string name) =>
        ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
}
