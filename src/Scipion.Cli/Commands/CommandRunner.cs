using Scipion.Cli.Api;
using Scipion.Cli.Transfer;

namespace Scipion.Cli.Commands;

/// <summary>Turns what can go wrong into a message a user can act on and an exit code; no stack traces.</summary>
public static class CommandRunner
{
    public const int Failed = 1;
    public const int Interrupted = 130;

    public static async Task<int> GuardAsync(CliContext context, Func<CancellationToken, Task<int>> action, CancellationToken ct)
    {
        try
        {
            return await action(ct);
        }
        catch (ApiProblemException e)
        {
            context.Error.WriteLine($"error: {e.Title} ({(int)e.Status})");
            if (!string.IsNullOrEmpty(e.Detail))
            {
                context.Error.WriteLine($"  {e.Detail}");
            }

            if (e.Errors is { ValueKind: System.Text.Json.JsonValueKind.Object } errors)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    context.Error.WriteLine($"  {field.Name}: {string.Join(" ", field.Value.EnumerateArray().Select(m => m.ToString()))}");
                }
            }

            return Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            context.Error.WriteLine("interrupted: what was staged is kept in the journal; run the same command again to resume.");
            return Interrupted;
        }
        catch (UnauthorizedAccessException e)
        {
            context.Error.WriteLine($"error: permission denied: {e.Message}");
            return Failed;
        }
        catch (Exception e) when (e is IOException or StorageException or HttpRequestException or InvalidDataException or ArgumentException or InvalidOperationException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }
}
