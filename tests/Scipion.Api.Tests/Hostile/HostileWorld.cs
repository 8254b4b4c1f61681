using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Scipion.Core.Formats;
using Scipion.Testing;

namespace Scipion.Api.Tests.Hostile;

public enum Access
{
    None,
    Reader,
    Editor,
    Owner,
}

/// <summary>One project the suite made, with who may do what in it.</summary>
public sealed record WorldProject(string Id, string Owner, string Name, string Description, IReadOnlyDictionary<string, Access> Members, bool Guarded)
{
    public Access RoleOf(string? user) =>
        user is null ? Access.None : user == Owner ? Access.Owner : Members.GetValueOrDefault(user, Access.None);

    public override string ToString() => $"{(Guarded ? "guarded" : "playground")} project of {Owner}";
}

/// <summary>
/// The handful of users and projects every hostile case runs against, made once: four users (alice, bob, carol, mallory),
/// for each of the first three a guarded project (never changed by its owner during the suite, so any change is someone
/// else's doing) and a playground project (its owner's own hostile requests land there), with files in them: a secret,
/// a particle stack and its STAR file, a long file name for the glob matcher. Bob is alice's editor, carol her reader,
/// mallory a stranger to all. It also keeps what the suite was granted, so the storage audit can tell a granted blob
/// from one nobody should have been able to write.
/// </summary>
public sealed class HostileWorld
{
    public const string LongName = "Movies/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab.txt";
    public const string StackPath = "Particles/real.mrcs";
    public const string StarPath = "Particles/real.star";
    public const string SecretPath = "secret.txt";

    private readonly ConcurrentDictionary<(string Project, string Path), byte> _granted = new();
    private readonly ConcurrentDictionary<string, WorldProject> _created = new();
    private readonly ConcurrentDictionary<string, byte> _deleted = new();

    private HostileWorld(ApiClient api, IReadOnlyList<string> users, IReadOnlyList<WorldProject> projects, IReadOnlyDictionary<string, string> secrets)
    {
        Api = api;
        Users = users;
        Projects = projects;
        Secrets = secrets;
    }

    public ApiClient Api { get; }

    /// <summary>alice, bob, carol, mallory (with unique suffixes).</summary>
    public IReadOnlyList<string> Users { get; }

    public string Alice => Users[0];

    public string Bob => Users[1];

    public string Carol => Users[2];

    public string Mallory => Users[3];

    public IReadOnlyList<WorldProject> Projects { get; }

    /// <summary>Each project's secret (the content of secret.txt), so a leak of its bytes can be recognised.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; }

    /// <summary>A run that bob ran (and that failed) in his guarded project, whose staged files someone might reach for.</summary>
    public string BobRun { get; private set; } = string.Empty;

    public IEnumerable<WorldProject> AllProjects => Projects.Concat(_created.Values);

    public WorldProject Guarded(string owner) => Projects.Single(p => p.Owner == owner && p.Guarded);

    public WorldProject Playground(string owner) => Projects.Single(p => p.Owner == owner && !p.Guarded);

    public WorldProject? Find(string projectId) =>
        AllProjects.FirstOrDefault(p => p.Id == projectId);

    public Access RoleOf(string? user, string projectId) => Find(projectId)?.RoleOf(user) ?? Access.None;

    public void Granted(string projectId, string path) => _granted[(projectId, path)] = 0;

    public bool WasGranted(string projectId, string path) => _granted.ContainsKey((projectId, path));

    /// <summary>A project an actor made during the suite (its own, so it may write there).</summary>
    public void Created(string projectId, string owner) =>
        _created[projectId] = new WorldProject(projectId, owner, string.Empty, string.Empty, new Dictionary<string, Access>(), Guarded: false);

    public void Deleted(string projectId) => _deleted[projectId] = 0;

    public bool WasDeleted(string projectId) => _deleted.ContainsKey(projectId);

    public static async Task<HostileWorld> CreateAsync(ApiClient api)
    {
        string[] users = [ApiClient.NewUser("alice"), ApiClient.NewUser("bob"), ApiClient.NewUser("carol"), ApiClient.NewUser("mallory")];
        var projects = new List<WorldProject>();
        var secrets = new Dictionary<string, string>();
        var stack = TinyStack();
        foreach (var owner in users.Take(3))
        {
            foreach (var guarded in new[] { true, false })
            {
                var name = guarded ? "guarded" : "playground";
                var description = $"{name} of {owner}";
                var id = (await api.CreateProjectAsync(owner, name, description)).GetProperty("id").GetString()!;
                var members = new Dictionary<string, Access>();
                if (owner == users[0] && guarded)
                {
                    await api.ShareAsync(owner, id, users[1], "editor");
                    await api.ShareAsync(owner, id, users[2], "reader");
                    members[users[1]] = Access.Editor;
                    members[users[2]] = Access.Reader;
                }

                var secret = $"secret of {owner}'s {name} {Guid.NewGuid():N}";
                secrets[id] = secret;
                await UploadAsync(api, owner, id, SecretPath, Encoding.UTF8.GetBytes(secret));
                await UploadAsync(api, owner, id, StackPath, stack);
                await UploadAsync(api, owner, id, StarPath, Encoding.UTF8.GetBytes(ParticlesStar(["1@" + StackPath, "2@" + StackPath])));
                await UploadAsync(api, owner, id, LongName, "x"u8.ToArray());
                projects.Add(new WorldProject(id, owner, name, description, members, guarded));
            }
        }

        var world = new HostileWorld(api, users, projects, secrets);
        foreach (var project in projects)
        {
            foreach (var path in new[] { SecretPath, StackPath, StarPath, LongName })
            {
                world.Granted(project.Id, path);
            }
        }

        world.BobRun = await world.FailedRunOfBobAsync();
        return world;
    }

    /// <summary>A RELION 3.1 particles STAR file with an optics table and the given image names.</summary>
    public static string ParticlesStar(IEnumerable<string> imageNames)
    {
        var text = new StringBuilder();
        text.Append("\ndata_optics\n\nloop_\n_rlnOpticsGroup #1\n_rlnImagePixelSize #2\n_rlnImageSize #3\n_rlnImageDimensionality #4\n1 1.000000 16 2\n\n");
        text.Append("data_particles\n\nloop_\n_rlnImageName #1\n_rlnOpticsGroup #2\n");
        foreach (var name in imageNames)
        {
            text.Append(name).Append(" 1\n");
        }

        return text.ToString();
    }

    public static async Task UploadAsync(ApiClient api, string user, string projectId, string path, byte[] content)
    {
        var grant = await api.StartUploadAsync(user, projectId, path, content.Length);
        await Uploads.PutAsync(grant, content);
    }

    private static byte[] TinyStack()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("hostile-stack-").FullName, "s.mrcs");
        var voxels = new float[16 * 16 * 4];
        for (var i = 0; i < voxels.Length; i++)
        {
            voxels[i] = (i * 7919 % 13) - 6;
        }

        MrcFile.Write(file, new DensityMap(16, 16, 4, 1.0, voxels), isStack: true);
        return File.ReadAllBytes(file);
    }

    /// <summary>
    /// A first-map run of bob's that fails in planning (a mask wider than the box) after its files were staged: what a
    /// STAR file of someone else's might point at with <c>../../{project}/{run}/…</c>.
    /// </summary>
    private async Task<string> FailedRunOfBobAsync()
    {
        var project = Guarded(Bob).Id;
        using var response = await Api.SendAsync(Bob, HttpMethod.Post, $"api/projects/{project}/runs", new
        {
            tool = "first-map",
            inputs = new { particles = StarPath },
            parameters = new { particleDiameter = 4000, pixelSize = 1.0 },
        });
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            // A platform that checks the mask against the box before starting leaves no staged files to reach for.
            return "r20260101000000-00000000";
        }

        var runId = (await ApiClient.JsonAsync(response)).GetProperty("runId").GetString()!;
        var run = await Runs.WaitAsync(Api, Bob, project, runId, Runs.IsFinished, TimeSpan.FromMinutes(2));
        Assert.True(run.GetProperty("status").GetString() == "Failed", $"bob's run was meant to fail in planning: {run}");
        return runId;
    }

    public async Task<JsonElement?> ProjectAsSeenByOwnerAsync(WorldProject project)
    {
        using var response = await Api.SendAsync(project.Owner, HttpMethod.Get, $"api/projects/{project.Id}");
        return response.StatusCode == HttpStatusCode.OK ? await ApiClient.JsonAsync(response) : null;
    }
}
