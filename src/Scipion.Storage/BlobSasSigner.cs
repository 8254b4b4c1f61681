using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Scipion.Storage;

/// <summary>
/// Signs blob SAS URLs: with the account key where the client has one (Azurite), otherwise with a
/// user-delegation key from the managed identity, so production never holds an account key.
/// </summary>
public sealed class BlobSasSigner(BlobServiceClient service, TimeProvider clock)
{
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

    public Task<Uri> SignAsync(BlobClient blob, BlobSasPermissions permissions, DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        SignAsync(
            blob.Uri,
            new BlobSasBuilder(permissions, expiresOn) { BlobContainerName = blob.BlobContainerName, BlobName = blob.Name, Resource = "b" },
            blob.CanGenerateSasUri ? blob.GenerateSasUri : null,
            startsOn,
            cancellationToken);

    /// <summary>
    /// A SAS for a whole container, for holders that write blobs whose names are not known in advance (a compute
    /// site uploading a job's outputs). Storage cannot scope it to a prefix; keep its permissions and life short.
    /// </summary>
    public Task<Uri> SignAsync(BlobContainerClient container, BlobContainerSasPermissions permissions, DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        SignAsync(
            container.Uri,
            new BlobSasBuilder(permissions, expiresOn) { BlobContainerName = container.Name, Resource = "c" },
            container.CanGenerateSasUri ? container.GenerateSasUri : null,
            startsOn,
            cancellationToken);

    /// <param name="signWithAccountKey">The client's own signing where it holds the account key (Azurite); null otherwise.</param>
    private async Task<Uri> SignAsync(Uri resource, BlobSasBuilder builder, Func<BlobSasBuilder, Uri>? signWithAccountKey, DateTimeOffset startsOn, CancellationToken cancellationToken)
    {
        builder.StartsOn = startsOn;
        builder.Protocol = resource.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp;
        if (signWithAccountKey is not null)
        {
            return signWithAccountKey(builder);
        }

        var key = await GetDelegationKeyAsync(builder.ExpiresOn, cancellationToken);
        return new BlobUriBuilder(resource) { Sas = builder.ToSasQueryParameters(key, service.AccountName) }.ToUri();
    }

    private async Task<UserDelegationKey> GetDelegationKeyAsync(DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is null || _delegationKey.SignedExpiresOn < neededUntil)
            {
                // One key serves many signatures; a key lives up to 7 days, a day is plenty and limits exposure.
                var now = clock.GetUtcNow();
                var expiresOn = now.AddDays(1) > neededUntil ? now.AddDays(1) : neededUntil.AddHours(1);
                var response = await service.GetUserDelegationKeyAsync(now.AddMinutes(-5), expiresOn, cancellationToken);
                _delegationKey = response.Value;
            }

            return _delegationKey;
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
