using System.Text;
using CsCheck;

namespace Scipion.Api.Tests.Hostile;

/// <summary>
/// Generators of hostile requests for every route of the contract (functions/Http/ApiRoutes.cs and the contract's
/// jobs and micrographs routes): who sends them, which project they aim at, what ids, paths and bodies they carry,
/// and whether the contract refuses them.
/// </summary>
public sealed class RouteCases(HostileWorld world, Actors actors)
{
    /// <summary>Replaced by a project made for the case, so that its owner may delete it.</summary>
    public const string Fresh = "{fresh}";

    private readonly Gen<Actor> _actor = Gen.Frequency((6, Gen.OneOf(actors.Users.ToArray())), (2, Gen.OneOf(actors.Impostors.ToArray())));

    private Gen<Target> Project => Gen.Frequency(
        (5, Gen.OneOf(world.Projects.ToArray()).Select(p => new Target(p.Id, p, null))),
        (1, HostileValues.MalformedProjectId([.. world.Projects.Select(p => p.Id)]).Select(v => new Target(UrlSafe(v.Value), null, $"project id {v.Why}"))));

    /// <summary>Every route, weighted towards those that take the most input.</summary>
    public Gen<HostileCase> All => Gen.Frequency(
        (2, DevelopmentToken),
        (1, ListProjects),
        (3, CreateProject),
        (2, GetProject),
        (2, DeleteProject),
        (4, Share),
        (3, Unshare),
        (5, StartUpload),
        (3, ListFiles),
        (4, DownloadFile),
        (3, TransferUrl),
        (1, Tools),
        (6, StartRun),
        (1, ListRuns),
        (2, GetRun),
        (2, CancelRun),
        (1, ContractOnlyRoutes),
        (1, WebPage),
        (1, StrayRequests));

    private Gen<HostileCase> DevelopmentToken =>
        Gen.Select(_actor, Body(HostileValues.UserId.Select(u => (IReadOnlyList<Field>)[Field.Text("user", u, Check.User)])),
            (actor, body) => Case("dev/token", "POST", "api/dev/token", actor, body, Need.Nobody, null, null, anonymous: true));

    private Gen<HostileCase> ListProjects =>
        Gen.Select(_actor, Gen.OneOf("", "?x=1", "?prefix=..%2F..", "?$top=-1", "?" + new string('q', 4000)),
            (actor, query) => Case("projects (list)", "GET", $"api/projects{query}", actor, null, Need.Anyone, null, null));

    private Gen<HostileCase> CreateProject =>
        Gen.Select(_actor, Body(Gen.Select(Name, Name, Gen.Bool, (name, description, withDescription) => (IReadOnlyList<Field>)(withDescription
            ? [Field.Text("name", name, Check.Name), Field.Text("description", description with { Refused = false }, Check.Description, required: false)]
            : [Field.Text("name", name, Check.Name)]))),
            (actor, body) => Case("projects (create)", "POST", "api/projects", actor, body, Need.Anyone, null, null));

    private Gen<HostileCase> GetProject =>
        Gen.Select(_actor, Project, (actor, project) => Case("project (get)", "GET", $"api/projects/{project.Segment}", actor, null, Need.Reader, project, null));

    private Gen<HostileCase> DeleteProject =>
        Gen.Select(_actor, Project, (actor, project) =>
            project.Project is { } p && p.Owner == actor.User
                ? Case("project (delete)", "DELETE", $"api/projects/{Fresh}", actor, null, Need.Owner, new Target(Fresh, null, null), null) with { ProjectId = Fresh }
                : Case("project (delete)", "DELETE", $"api/projects/{project.Segment}", actor, null, Need.Owner, project, null));

    private Gen<HostileCase> Share =>
        Gen.Select(_actor, Project, Principal, Body(Role.Select(r => (IReadOnlyList<Field>)[Field.Text("role", r, Check.Role)])),
            (actor, project, principal, body) =>
            {
                var target = OwnersPlayground(actor, project);
                var (segment, bad) = Resolve(principal, actor, target);
                return Case("members (put)", "PUT", $"api/projects/{target.Segment}/members/{segment}", actor, body, Need.Owner, target, bad);
            });

    private Gen<HostileCase> Unshare =>
        Gen.Select(_actor, Project, Principal, (actor, project, principal) =>
        {
            var target = OwnersPlayground(actor, project);
            var (segment, bad) = Resolve(principal, actor, target);
            return Case("members (delete)", "DELETE", $"api/projects/{target.Segment}/members/{segment}", actor, null, Need.Owner, target, bad);
        });

    private Gen<HostileCase> StartUpload =>
        Gen.Select(_actor, Project, Body(Gen.Select(HostileValues.FilePath, Size, (path, size) => (IReadOnlyList<Field>)[Field.Text("path", path, Check.Path), Field.Number("size", size, required: false)])),
            Gen.Frequency((10, Gen.Const(UploadUse.None)), (5, Gen.Const(UploadUse.Put)), (2, Gen.Const(UploadUse.PutElsewhereInProject)),
                (2, Gen.Const(UploadUse.PutInAnotherProject)), (2, Gen.Const(UploadUse.CopyFromAnotherProject))),
            (actor, project, body, use) => Case("uploads", "POST", $"api/projects/{project.Segment}/uploads", actor, body, Need.Editor, project, null) with { Use = use });

    private Gen<HostileCase> ListFiles =>
        Gen.Select(_actor, Project, Prefix, Gen.OneOf("", "&continuationToken=x", "&continuationToken=%2F..%2F..", "&continuationToken=" + new string('c', 3000), "&continuationToken=%00"),
            (actor, project, prefix, token) => Case("files (list)", "GET", $"api/projects/{project.Segment}/files?prefix={prefix.Value}{token}", actor, null, Need.Reader, project,
                prefix.Refused ? $"prefix {prefix.Why}" : null));

    private Gen<HostileCase> DownloadFile =>
        Gen.Select(_actor, Project, Gen.Frequency(
            (5, HostileValues.UrlPath),
            (1, Gen.OneOf(world.Projects.ToArray()).Select(other => Hostile.Ok($"../../{other.Id}/files/secret.txt", "raw dot segments into another project"))),
            (1, Gen.Const(Hostile.Ok("./secret.txt", "a raw '.' segment")))),
            (actor, project, path) => Case("file (download)", "GET", $"api/projects/{project.Segment}/files/{path.Value}", actor, null, Need.Reader, project,
                path.Refused ? $"path {path.Why}" : null));

    private Gen<HostileCase> TransferUrl =>
        Gen.Select(_actor, Project, Body(Gen.Select(Permissions, Minutes, Gen.Bool, (permissions, minutes, withMinutes) => (IReadOnlyList<Field>)(withMinutes
                ? [Field.Text("permissions", permissions, Check.Permissions), Field.Number("expiresInMinutes", minutes, required: false)]
                : [Field.Text("permissions", permissions, Check.Permissions)]))),
            (actor, project, body) => Case("transfer-url", "POST", $"api/projects/{project.Segment}/transfer-url", actor, body,
                body.Text?.Contains("\"write\"", StringComparison.Ordinal) == true ? Need.Editor : Need.Reader, project, null));

    private Gen<HostileCase> Tools =>
        _actor.Select(actor => Case("tools", "GET", "api/tools", actor, null, Need.Anyone, null, null));

    private Gen<HostileCase> StartRun =>
        Gen.Select(_actor, Project, RunBody, (actor, project, body) =>
            Case("runs (start)", "POST", $"api/projects/{project.Segment}/runs", actor, body, Need.Editor, project, null));

    private Gen<HostileCase> ListRuns =>
        Gen.Select(_actor, Project, (actor, project) => Case("runs (list)", "GET", $"api/projects/{project.Segment}/runs", actor, null, Need.Reader, project, null));

    private Gen<HostileCase> GetRun =>
        Gen.Select(_actor, Project, HostileValues.RunId([world.BobRun]), (actor, project, run) =>
            Case("run (get)", "GET", $"api/projects/{project.Segment}/runs/{UrlSafe(run.Value)}", actor, null, Need.Reader, project, RunProblem(project, run)));

    private Gen<HostileCase> CancelRun =>
        Gen.Select(_actor, Project, HostileValues.RunId([world.BobRun]), (actor, project, run) =>
            Case("run (cancel)", "POST", $"api/projects/{project.Segment}/runs/{UrlSafe(run.Value)}/cancel", actor, null, Need.Editor, project, RunProblem(project, run)));

    /// <summary>The contract's routes that the functions may not serve yet (jobs, micrographs): never a 5xx either.</summary>
    private Gen<HostileCase> ContractOnlyRoutes =>
        Gen.Select(_actor, Project, HostileValues.RunId([world.BobRun]), Gen.OneOf("", "?offset=-1&limit=1e30", "?offset=abc", "?limit=100000000000"), Gen.Bool,
            (actor, project, run, query, jobs) => jobs
                ? Case("jobs", "GET", $"api/projects/{project.Segment}/jobs", actor, null, Need.Reader, project, null)
                : Case("micrographs", "GET", $"api/projects/{project.Segment}/runs/{UrlSafe(run.Value)}/micrographs{query}", actor, null, Need.Reader, project, RunProblem(project, run)));

    /// <summary>The web page (api/ui/{*path} as in Azure, and "/" locally), asked for files outside its folder.</summary>
    private Gen<HostileCase> WebPage =>
        Gen.Select(_actor, Gen.OneOf("api/ui/", "api/ui", ""), Gen.OneOf(
                "index.html", "..%2F..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "../../../../etc/passwd", "..%5C..%5Cappsettings.json",
                "%2e%2e/appsettings.json", "appsettings.json", "Scipion.LocalHost.dll", "%2e%2e%2f%2e%2e%2fScipion.Functions.dll", "signin.json", "%00", "....//....//etc/passwd"),
            (actor, prefix, path) => Case("web page", "GET", prefix + path, actor, null, Need.Nobody, null, null, anonymous: true) with { Why = "a file of the web page or outside it" });

    /// <summary>Verbs no route takes, paths no route has.</summary>
    private Gen<HostileCase> StrayRequests =>
        Gen.Select(_actor, Gen.OneOf("PATCH", "OPTIONS", "TRACE", "PUT", "DELETE", "POST", "GET"), Gen.OneOf(
                "api/projects", "api/tools", "api/nowhere", "api", "api/", "api//projects", "api/projects/%2e%2e/%2e%2e/tools", "api/dev/token/..",
                "api/projects/x/files", "api/" + new string('p', 3000), "api/%00", "api/projects/%FF%FE"),
            (actor, verb, path) => Case("stray", verb, path, actor, null, Need.Anyone, null, null));

    // ---- values ---------------------------------------------------------------------------------------------

    private static readonly Gen<Hostile> Name = Gen.Frequency(
        (4, Gen.String[Gen.Char.AlphaNumeric, 1, 40].Select(n => Hostile.Ok(n, "a name"))),
        (1, Gen.OneOf(Hostile.Bad("", "an empty name"), Hostile.Ok("   ", "blank"), Hostile.Ok("日本語の名前 😀", "unicode"), Hostile.Ok("<script>alert(1)</script>", "markup"),
            Hostile.Ok("a\u0000b", "a NUL"), Hostile.Ok("../../etc", "dots"), Hostile.Ok(new string('n', 201), "long"), Hostile.Ok(new string('n', 5000), "very long"))));

    private static readonly Gen<Hostile> Size = Gen.Frequency(
        (3, Gen.Long[0, 1L << 40].Select(s => Hostile.Ok(s.ToString(System.Globalization.CultureInfo.InvariantCulture), "a size"))),
        (1, Gen.OneOf(Hostile.Ok("-1", "negative"), Hostile.Ok("9223372036854775807", "long's maximum"), Hostile.Bad("1e30", "beyond long"),
            Hostile.Bad("1.5", "a fraction"), Hostile.Ok("\"12\"", "a number in a string"), Hostile.Ok("null", "null"), Hostile.Bad("\"big\"", "text"))));

    /// <summary>Numbers (and things that are not) where a tool's numeric parameter goes: the tool may refuse them, never fail on them.</summary>
    private static readonly Gen<string> Number = Gen.OneOf("1.0", "2", "1e400", "-1e400", "1e-400", "-1", "0", "0.5", "\"1\"", "null", "[]", "{}", "2147483648", "1e30", "-0", "[1,2]");

    private static readonly Gen<Hostile> Role = Gen.OneOf(
        Hostile.Ok("reader", "reader"), Hostile.Ok("editor", "editor"), Hostile.Bad("owner", "owner (cannot be given)"), Hostile.Bad("admin", "no role"),
        Hostile.Bad("", "empty"), Hostile.Bad("READER ", "a padded role"), Hostile.Bad("reader\u0000", "a NUL"));

    private static readonly Gen<Hostile> Permissions = Gen.OneOf(
        Hostile.Ok("read", "read"), Hostile.Ok("write", "write"), Hostile.Bad("delete", "delete"), Hostile.Bad("", "empty"), Hostile.Bad("rwdl", "a SAS permission string"),
        Hostile.Bad("read,write", "two"), Hostile.Ok("READ", "upper case"));

    private static readonly Gen<Hostile> Minutes = Gen.OneOf(
        Hostile.Ok("1", "a minute"), Hostile.Ok("60", "an hour"), Hostile.Ok("10080", "7 days"), Hostile.Bad("10081", "over 7 days"), Hostile.Bad("0", "zero"),
        Hostile.Bad("-5", "negative"), Hostile.Bad("100000000", "years"), Hostile.Bad("2147483648", "beyond int"), Hostile.Bad("1.5", "a fraction"));

    private static readonly Gen<Hostile> Prefix = Gen.Frequency(
        (3, HostileValues.FilePath.Select(p => PrefixOf(p.Value))),
        (1, Gen.OneOf(Hostile.Ok("", "no prefix"), Hostile.Ok("Movies/", "a folder"), Hostile.Ok("Movies%2F", "an encoded folder"), Hostile.Bad("..%2F", "'..'"),
            Hostile.Bad("%2Fetc", "an absolute prefix"), Hostile.Bad("Movies%2F..", "'..' last"), Hostile.Bad("%2e%2e%2F%2e%2e", "encoded dots"))));

    /// <summary>A listing prefix may end in '/' or be empty; otherwise it obeys the rules of a path.</summary>
    private static Hostile PrefixOf(string path)
    {
        var names = path.Split('/');
        var bad = path.StartsWith('/') ? "an absolute prefix"
            : names.Select((name, i) => i == names.Length - 1 && name.Length == 0 ? null : HostileValues.NameProblem(name)).FirstOrDefault(b => b is not null)
            ?? (path.Length > HostileValues.MaxPath ? "a prefix over 1,024 characters" : null);
        var encoded = Uri.EscapeDataString(path);
        return bad is null ? Hostile.Ok(encoded, "a prefix") : Hostile.Bad(encoded, bad);
    }

    private static Gen<Hostile> Principal => Gen.Frequency((12, HostileValues.Principal), (1, Gen.Const(Hostile.Ok("ghost-self", "the caller itself"))));

    private Gen<BodyShape> RunBody
    {
        get
        {
            var firstMap = Gen.Select(HostileValues.FilePath, Gen.Bool, (path, real) =>
            {
                IReadOnlyList<Field> parameters = [Field.Number("particleDiameter", Hostile.Ok("4000", "a mask wider than any box: planning fails, nothing runs")), Field.Number("pixelSize", Hostile.Ok("1.0", "1 Å"))];
                var particles = real ? Hostile.Ok(HostileWorld.StarPath, "the project's STAR file") : path;
                return (Fields: (IReadOnlyList<Field>)[Field.Text("tool", Hostile.Ok("first-map", "a tool"), Check.Tool), Field.Object("inputs", [Field.Text("particles", particles, Check.Path)]), Field.Object("parameters", parameters)], Parameters: parameters);
            });
            var alignment = Gen.Select(HostileValues.Glob, HostileValues.FilePath, Gen.Bool, Number, Gen.Select(Number, Number, (x, y) => $"[{x},{y}]"), (glob, gain, withGain, number, pair) =>
            {
                IReadOnlyList<Field> parameters = withGain
                    ? [Field.Number("pixelSize", Hostile.Ok("1.0", "1 Å")), Field.Text("gainReference", gain, Check.Path)]
                    : [Field.Number("pixelSize", Hostile.Ok(number, "any number")), Field.Number("threads", Hostile.Ok(number, "any number")), Field.Number("patches", Hostile.Ok(pair, "any pair"))];
                return (Fields: (IReadOnlyList<Field>)[Field.Text("tool", Hostile.Ok("movie-alignment", "a tool"), Check.Tool), Field.Object("inputs", [Field.Text("movies", glob, Check.Glob)]), Field.Object("parameters", parameters)], Parameters: parameters);
            });
            var resolution = Gen.Select(HostileValues.FilePath, HostileValues.FilePath, (one, two) =>
            {
                IReadOnlyList<Field> parameters = [Field.Number("pixelSize", Hostile.Ok("1.0", "1 Å"))];
                return (Fields: (IReadOnlyList<Field>)[Field.Text("tool", Hostile.Ok("resolution-map", "a tool"), Check.Tool),
                    Field.Object("inputs", [Field.Text("halfMap1", one, Check.Path), Field.Text("halfMap2", two, Check.Path)]), Field.Object("parameters", parameters)], Parameters: parameters);
            });
            var otherTool = Gen.OneOf(Hostile.Bad("", "no tool"), Hostile.Bad("../first-map", "a path for a tool"), Hostile.Bad("FIRST-MAP ", "a padded tool"), Hostile.Bad("nope", "no such tool"))
                .Select(tool => (Fields: (IReadOnlyList<Field>)[Field.Text("tool", tool, Check.Tool), Field.Object("inputs", []), Field.Object("parameters", [])], Parameters: (IReadOnlyList<Field>)[]));
            var compute = Gen.OneOf(Hostile.Bad("../local", "a path for a backend"), Hostile.Bad("nowhere", "no such backend"), Hostile.Bad("", "an empty backend"))
                .Select(backend =>
                {
                    IReadOnlyList<Field> parameters = [Field.Number("particleDiameter", Hostile.Ok("4000", "wide")), Field.Object("compute", [Field.Text("backend", backend, _ => null)])];
                    return (Fields: (IReadOnlyList<Field>)[Field.Text("tool", Hostile.Ok("first-map", "a tool"), Check.Tool), Field.Object("inputs", [Field.Text("particles", Hostile.Ok(HostileWorld.StarPath, "real"), Check.Path)]), Field.Object("parameters", parameters)], Parameters: parameters);
                });
            return Gen.Frequency((4, firstMap), (4, alignment), (2, resolution), (1, otherTool), (1, compute))
                .SelectMany(template => JsonShapes.Of(template.Fields, template.Parameters, "parameters"));
        }
    }

    // ---- assembly -------------------------------------------------------------------------------------------

    private static Gen<BodyShape> Body(Gen<IReadOnlyList<Field>> fields) => fields.SelectMany(f => JsonShapes.Of(f));

    private HostileCase Case(string route, string method, string target, Actor actor, BodyShape? body, Need need, Target? project, string? bad, bool anonymous = false)
    {
        string? refusedBecause = anonymous ? null : !actor.Authenticated ? $"{actor.Label} is not a caller" : null;
        refusedBecause ??= project?.Bad;
        refusedBecause ??= need switch
        {
            Need.Nobody or Need.Anyone => null,
            _ when project is null => null,
            _ when project.Segment == Fresh => null,
            _ when Rank(project.Project?.RoleOf(actor.User) ?? Access.None) < (int)need => $"{actor.Label} is not {need} of the {project.Project?.ToString() ?? "project"}",
            _ => null,
        };
        refusedBecause ??= bad ?? body?.Bad;
        var why = refusedBecause ?? (body?.Bad is null && bad is null ? "it may be fine" : "unknown");
        return new HostileCase(route, method, target, actor, body?.Text, body?.ContentType, refusedBecause is null ? Expect.Any : Expect.Refused, why, project?.Project?.Id);
    }

    private static int Rank(Access access) => (int)access;

    /// <summary>An owner's membership changes go to their playground, so their guarded project stays as it was made.</summary>
    private Target OwnersPlayground(Actor actor, Target target) =>
        target.Project is { Guarded: true } p && p.Owner == actor.User ? new Target(world.Playground(p.Owner).Id, world.Playground(p.Owner), null) : target;

    /// <summary>The principal segment; the owner naming themselves is refused too.</summary>
    private static (string Segment, string? Bad) Resolve(Hostile principal, Actor actor, Target target) =>
        principal.Value == "ghost-self" && actor.User is not null
            ? (actor.User, target.Project?.Owner == actor.User ? "the owner naming themselves" : null)
            : (UrlSafe(principal.Value), principal.Refused ? $"principal {principal.Why}" : null);

    private string? RunProblem(Target project, Hostile run) =>
        run.Refused ? $"run id {run.Why}" : project.Project?.Id == world.Guarded(world.Bob).Id ? null : "a run of another project";

    /// <summary>Percent-encodes what cannot stand raw in a request target, keeping the case's own escapes and dot segments.</summary>
    public static string UrlSafe(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@%/".Contains(c)))
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private sealed record Target(string Segment, WorldProject? Project, string? Bad);

    private enum Need
    {
        Nobody = -1,
        Anyone = 0,
        Reader = 1,
        Editor = 2,
        Owner = 3,
    }
}
