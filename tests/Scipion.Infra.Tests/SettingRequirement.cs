namespace Scipion.Infra.Tests;

/// <summary>
/// A configuration value the code needs at run time, and the app-setting names that provide it.
/// Most are one setting (<c>Batch__GpuPoolId</c>); a storage connection is satisfied by any one of
/// its forms: a connection string, or the identity-based settings under the same prefix.
/// </summary>
public sealed record SettingRequirement(string Name, string ReadBy, IReadOnlyList<IReadOnlyList<string>> AnyOf)
{
    public static SettingRequirement Single(string name, string readBy) => new(name, readBy, [[name]]);

    /// <summary>
    /// The settings still missing from the form closest to complete (most of its settings present),
    /// or none when some form is complete.
    /// </summary>
    public IReadOnlyList<string> MissingFrom(IReadOnlySet<string> settings) =>
        AnyOf.Select(form => (present: form.Count(settings.Contains), missing: form.Where(n => !settings.Contains(n)).ToList()))
            .OrderBy(f => f.missing.Count == 0 ? 0 : 1)
            .ThenByDescending(f => f.present)
            .ThenBy(f => f.missing.Count)
            .First().missing;

    /// <summary>The forms in words, e.g. "ProjectStorage, or ProjectStorage__blobServiceUri + …".</summary>
    public string Forms => string.Join(", or ", AnyOf.Select(form => string.Join(" + ", form)));
}
