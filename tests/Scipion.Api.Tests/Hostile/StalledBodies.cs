using System.Net.Sockets;
using System.Text;
using CsCheck;

namespace Scipion.Api.Tests.Hostile;

/// <summary>A request whose body stops short of its Content-Length and then goes silent.</summary>
public sealed record StalledBody(string Route, string Method, string Target, int Declared, string Sent)
{
    public override string ToString() => $"[{Route}] {Method} {Target} Content-Length: {Declared}, then '{Sent}' and silence";
}

/// <summary>
/// Bodies that stall, sent over a raw socket (HttpClient would not send a short body): the answer must come, and be a 4xx
/// problem (408 or 400), not a 5xx.
/// </summary>
public sealed class StalledBodies(Uri host, Actor alice, HostileWorld world, Ledger ledger)
{
    public Gen<StalledBody> All
    {
        get
        {
            var project = world.Guarded(world.Alice).Id;
            return Gen.Select(
                Gen.OneOf(
                    ("projects (create)", "POST", "api/projects"),
                    ("uploads", "POST", $"api/projects/{project}/uploads"),
                    ("members (put)", "PUT", $"api/projects/{project}/members/ghost-stall"),
                    ("runs (start)", "POST", $"api/projects/{project}/runs"),
                    ("transfer-url", "POST", $"api/projects/{project}/transfer-url"),
                    ("dev/token", "POST", "api/dev/token")),
                Gen.OneOf(100, 60_000),
                Gen.OneOf(string.Empty, "{", "{\"name\":"),
                (route, declared, sent) => new StalledBody(route.Item1, route.Item2, route.Item3, declared, sent));
        }
    }

    public async Task CheckAsync(StalledBody stalled)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host.Host, host.Port);
        using var stream = client.GetStream();
        var head = $"{stalled.Method} /{stalled.Target} HTTP/1.1\r\nHost: {host.Authority}\r\n{alice.Authorization switch { null => string.Empty, var a => $"Authorization: {a}\r\n" }}" +
            $"Content-Type: application/json\r\nContent-Length: {stalled.Declared}\r\n\r\n{stalled.Sent}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();

        using var limit = new CancellationTokenSource(Oracle.AnswerLimit);
        var received = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            while (!HasWholeHead(received.ToString()) || !HasBody(received.ToString()))
            {
                var read = await stream.ReadAsync(buffer, limit.Token);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // What arrived so far is judged below.
        }

        var text = received.ToString();
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var code) ? code : 0;
        ledger.Record($"{stalled.Route} (stalled body)", status);
        if (status == 0)
        {
            throw new HostileFailure("a stalled body gets no answer", $"within {Oracle.AnswerLimit.TotalSeconds:0} s: '{Oracle.Shorten(text)}'\n  case: {stalled}");
        }

        if (status is < 400 or >= 500)
        {
            throw new HostileFailure($"a stalled body gets {status}", $"{Oracle.Shorten(text)}\n  case: {stalled}");
        }

        if (!text.Contains("Content-Type: application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new HostileFailure($"a stalled body gets a {status} that is not a problem", $"{Oracle.Shorten(text)}\n  case: {stalled}");
        }
    }

    private static bool HasWholeHead(string text) => text.Contains("\r\n\r\n", StringComparison.Ordinal);

    /// <summary>Enough of the body to judge: a problem's closing brace, or a response that has none.</summary>
    private static bool HasBody(string text) =>
        text.EndsWith('}') || text.Contains("Content-Length: 0\r\n", StringComparison.OrdinalIgnoreCase);
}
