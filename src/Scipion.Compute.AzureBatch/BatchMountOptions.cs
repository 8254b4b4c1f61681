namespace Scipion.Compute.AzureBatch;

/// <summary>How pools created by <see cref="BatchPoolDefinitions"/> mount the project container.</summary>
public sealed class BatchMountOptions
{
    /// <summary><c>Nfs</c> (Blob NFS 3.0, what infra/modules/batch.bicep deploys) or <c>BlobFuse</c> (azureBlobFileSystemConfiguration).</summary>
    public BatchMountKind Kind { get; set; } = BatchMountKind.Nfs;

    /// <summary>Storage account that holds the <c>projects</c> container.</summary>
    public string StorageAccountName { get; set; } = "";

    public string ContainerName { get; set; } = "projects";

    /// <summary>Blob endpoint suffix; differs in sovereign clouds.</summary>
    public string StorageSuffix { get; set; } = "core.windows.net";

    /// <summary>NFS mount options; <c>nolock</c> because Blob NFS has no lock manager (as in the Bicep).</summary>
    public string NfsMountOptions { get; set; } = "-o sec=sys,vers=3,nolock,proto=tcp";

    /// <summary>BlobFuse only: resource id of the user-assigned identity the nodes mount with (no account keys).</summary>
    public string? IdentityResourceId { get; set; }
}

public enum BatchMountKind
{
    Nfs,
    BlobFuse,
}
