namespace Scipion.Compute.AzureBatch;

/// <summary>
/// How pools created by <see cref="BatchPoolDefinitions"/> mount their scratch share: the cluster's shared working
/// space (MPI ranks on several nodes see one folder). Project files are not on it: tasks stage them in and out with SAS.
/// </summary>
public sealed class BatchMountOptions
{
    /// <summary><c>Nfs</c> (an Azure Files NFS 4.1 share, what infra/modules/batch.bicep deploys) or <c>BlobFuse</c> (a blob container, azureBlobFileSystemConfiguration).</summary>
    public BatchMountKind Kind { get; set; } = BatchMountKind.Nfs;

    /// <summary>Storage account that holds the scratch share (or container).</summary>
    public string StorageAccountName { get; set; } = "";

    /// <summary>The NFS file share, or for BlobFuse the blob container, that is the scratch space.</summary>
    public string ShareName { get; set; } = "scratch";

    /// <summary>Storage endpoint suffix; differs in sovereign clouds.</summary>
    public string StorageSuffix { get; set; } = "core.windows.net";

    /// <summary>NFS mount options for an Azure Files NFS 4.1 share (as in the Bicep).</summary>
    public string NfsMountOptions { get; set; } = "-o vers=4,minorversion=1,sec=sys,nconnect=4";

    /// <summary>BlobFuse only: resource id of the user-assigned identity the nodes mount with (no account keys).</summary>
    public string? IdentityResourceId { get; set; }
}

public enum BatchMountKind
{
    Nfs,
    BlobFuse,
}
