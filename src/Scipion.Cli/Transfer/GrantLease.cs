using Scipion.Cli.Api;

namespace Scipion.Cli.Transfer;

/// <summary>
/// The upload grant (SAS) for one file. Grants are short-lived and serve one batch of blocks
/// (<see cref="TransferSettings.BlocksPerGrant"/>); when a batch is done, a grant is about to expire, or storage refuses
/// it, a fresh one is asked for: one refresh for all the blocks that noticed at the same time. Asking per batch is
/// what makes removing a member effective at once: the next batch finds no grant.
/// </summary>
public sealed class GrantLease(ScipionClient api, string projectId, string path, long size, TransferSettings settings)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UploadGrant? _grant;
    private TimeSpan _margin;
    private int _uses;

    public int Renewals { get; private set; }

    public async Task<Uri> CurrentAsync(CancellationToken ct)
    {
        var grant = _grant;
        if (grant is not null && Usable(grant) && Interlocked.Increment(ref _uses) <= settings.BlocksPerGrant)
        {
            return grant.Url;
        }

        return await RenewAsync(grant?.Url, ct);
    }

    /// <summary>Replaces <paramref name="refused"/>, unless another caller already did.</summary>
    public async Task<Uri> RenewAsync(Uri? refused, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_grant is not null && _grant.Url != refused && Usable(_grant) && Volatile.Read(ref _uses) < settings.BlocksPerGrant)
            {
                // Another caller renewed it while we waited: this use counts against the new batch.
                Interlocked.Increment(ref _uses);
                return _grant.Url;
            }

            if (_grant is not null)
            {
                Renewals++;
            }

            var grant = await Retry.RunAsync(token => api.StartUploadAsync(projectId, path, size, token), settings, null, ct);
            // Renew ahead of expiry, but by no more than a quarter of the grant's life, or a short-lived grant would never be used.
            var lifetime = grant.ExpiresAt - DateTimeOffset.UtcNow;
            _margin = TimeSpan.FromTicks(Math.Min(settings.GrantRenewalMargin.Ticks, Math.Max(0, lifetime.Ticks / 4)));
            _grant = grant;
            Volatile.Write(ref _uses, 1);
            return grant.Url;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Usable(UploadGrant grant) => grant.ExpiresAt - DateTimeOffset.UtcNow > _margin;

    /// <summary>Runs a storage request with the current grant, renewing it once per refusal (up to a few times).</summary>
    public async Task UseAsync(Func<Uri, CancellationToken, Task> request, CancellationToken ct)
    {
        for (var refusals = 0; ; refusals++)
        {
            var url = await CurrentAsync(ct);
            try
            {
                await request(url, ct);
                return;
            }
            catch (StorageException e) when (e.NeedsNewGrant && refusals < 3)
            {
                await RenewAsync(url, ct);
            }
        }
    }
}
