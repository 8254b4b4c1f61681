using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Scipion.Api.Tests.Hostile;

/// <summary>
/// Everyone who sends requests: the four users with their real tokens, and callers whose Authorization header must
/// get them nowhere (missing, garbled, expired, forged, unsigned, for another audience, naming an unusable user id).
/// </summary>
public sealed class Actors
{
    private Actors(IReadOnlyList<Actor> users, IReadOnlyList<Actor> impostors)
    {
        Users = users;
        Impostors = impostors;
    }

    public IReadOnlyList<Actor> Users { get; }

    public IReadOnlyList<Actor> Impostors { get; }

    public static async Task<Actors> CreateAsync(HostileWorld world, string signingKey)
    {
        var api = world.Api;
        var users = new List<Actor>();
        foreach (var (user, label) in world.Users.Zip(new[] { "alice", "bob", "carol", "mallory" }))
        {
            users.Add(new Actor(label, user, $"Bearer {await api.TokenAsync(user)}"));
        }

        var alice = world.Alice;
        var aliceToken = await api.TokenAsync(alice);
        var otherKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("not the host's key, but 32 bytes long or more"));
        Actor[] impostors =
        [
            new("nobody (no Authorization)", null, null),
            new("'Bearer' alone", null, "Bearer"),
            new("'Bearer ' and nothing", null, "Bearer "),
            new("Basic credentials", null, "Basic YWxpY2U6cGFzc3dvcmQ="),
            new("a garbled token", null, "Bearer not.a.jwt"),
            new("a truncated token of alice's", null, $"Bearer {aliceToken[..^5]}"),
            new("alice's token with its signature changed", null, $"Bearer {Tamper(aliceToken)}"),
            new("two bearer tokens", null, $"Bearer {aliceToken}, Bearer {aliceToken}"),
            new("an expired token for alice", null, $"Bearer {api.MintToken(alice, expires: DateTime.UtcNow.AddMinutes(-5))}"),
            new("a token for another audience", null, $"Bearer {api.MintToken(alice, audience: "api://someone-else")}"),
            new("a token from another issuer", null, $"Bearer {api.MintToken(alice, issuer: "https://evil.example")}"),
            new("a token signed with another key", null, $"Bearer {api.MintToken(alice, key: otherKey)}"),
            new("an unsigned token (alg none)", null, $"Bearer {Unsigned(alice)}"),
            new("a signed token for user '..'", null, $"Bearer {api.MintToken("..")}"),
            new("a signed token for user '.'", null, $"Bearer {api.MintToken(".")}"),
            new("a signed token for a 129-character user", null, $"Bearer {api.MintToken(new string('z', 129))}"),
            new("a signed token for user 'a/b'", null, $"Bearer {api.MintToken("a/b")}"),
            new("a signed token without a user", null, $"Bearer {api.MintToken(string.Empty)}"),
            new("a huge header", null, "Bearer " + new string('A', 16_000)),
        ];

        // A valid token with the scheme in other letters is still alice.
        users.Add(new Actor("alice ('bearer' in lower case)", alice, $"bearer {aliceToken}"));
        return new Actors(users, impostors);
    }

    public Actor Alice => Users[0];

    public Actor Mallory => Users[3];

    private static string Tamper(string token)
    {
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        return token[..(token.LastIndexOf('.') + 1)] + flipped;
    }

    private static string Unsigned(string user)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"sub\":\"{user}\",\"iss\":\"https://scipion.local/development\",\"aud\":\"api://scipion-functions-development\",\"nbf\":{now - 60},\"exp\":{now + 3600}}}")}.";
    }
}
