using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Scipion.Core;

namespace Scipion.Api.Tests.Hostile;

/// <summary>
/// Reads every container and blob of the suite's Azurite afterwards: each blob must be in the <c>p-{projectId}</c>
/// container of a live project, at a path someone who could write there was granted (or that a run of the platform
/// writes), or in a container the platform itself made at start; a deleted project's container must be gone. And each
/// project must be as its owner left it.
/// </summary>
public static partial class StorageAudit
{
    public static async Task<IReadOnlyList<string>> BlobsAsync(HostileHostFixture fixture, HostileWorld world)
    {
        var violations = new List<string>();
        var service = new BlobServiceClient(fixture.Azurite.ConnectionString);
        int containers = 0, blobs = 0;
        await foreach (var item in service.GetBlobContainersAsync())
        {
            containers++;
            var container = service.GetBlobContainerClient(item.Name);
            var names = new List<string>();
            await foreach (var blob in container.GetBlobsAsync())
            {
                names.Add(blob.Name);
            }

            blobs += names.Count;
            if (StorageNames.TryProjectOfContainer(item.Name, out var projectId))
            {
                if (world.Find(projectId) is null)
                {
                    violations.Add($"container {item.Name} ({names.Count} blobs) belongs to no project any of the suite's users made");
                }
                else if (world.WasDeleted(projectId))
                {
                    violations.Add($"container {item.Name} of a deleted project is still there ({names.Count} blobs)");
                }
                else
                {
                    violations.AddRange(names.Where(name => !world.WasGranted(projectId, name) && !WrittenByThePlatform(name))
                        .Select(name => $"blob '{name}' in {item.Name} was never granted to anyone who could write there"));
                }
            }
            else if (!fixture.PlatformContainers.Contains(item.Name) && !TaskHubContainer().IsMatch(item.Name) && names.Count > 0)
            {
                violations.Add($"{names.Count} blobs in container '{item.Name}', neither a project's nor one the platform made, e.g. {names[0]}");
            }
        }

        if (containers == 0 || blobs == 0)
        {
            violations.Add("the audit found no containers or no blobs at all: it listed the wrong storage");
        }

        return violations;
    }

    /// <summary>Guarded projects exactly as made (name, description, members); playgrounds still there.</summary>
    public static async Task<IReadOnlyList<string>> ProjectsAsync(HostileWorld world)
    {
        var violations = new List<string>();
        foreach (var project in world.Projects)
        {
            var seen = await world.ProjectAsSeenByOwnerAsync(project);
            if (seen is not { } json)
            {
                violations.Add($"the {project} is gone (its owner never deleted it)");
                continue;
            }

            if (!project.Guarded)
            {
                continue;
            }

            var members = json.GetProperty("members").EnumerateArray()
                .Select(m => $"{(m.TryGetProperty("user", out var u) ? u.GetString() : "group:" + m.GetProperty("group").GetString())}={m.GetProperty("role").GetString()}")
                .Order(StringComparer.Ordinal);
            var expected = project.Members.Select(m => $"{m.Key}={m.Value.ToString().ToLowerInvariant()}").Order(StringComparer.Ordinal);
            if (json.GetProperty("name").GetString() != project.Name || json.GetProperty("description").GetString() != project.Description
                || json.GetProperty("owner").GetString() != project.Owner || !members.SequenceEqual(expected))
            {
                violations.Add($"the {project} changed though its owner never changed it: {json}");
            }
        }

        return violations;
    }

    /// <summary>What runs write: their record under Runs/, RELION job folders at the root, the pipeline file.</summary>
    private static bool WrittenByThePlatform(string name) =>
        name.StartsWith("Runs/", StringComparison.Ordinal) || JobFolder().IsMatch(name) || name == "default_pipeline.star";

    [GeneratedRegex("^[A-Za-z0-9]+/job[0-9]{3,}/")]
    private static partial Regex JobFolder();

    // The local host's task hub (LocalHostInstance names it h{guid}) keeps its leases and large messages in containers named after it.
    [GeneratedRegex("^h[0-9a-f]{32}-")]
    private static partial Regex TaskHubContainer();
}
