namespace Scipion.Core.Files;

public enum FolderAccess
{
    Read,
    Write,
}
