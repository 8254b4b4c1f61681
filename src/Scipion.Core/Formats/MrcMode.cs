namespace Scipion.Core.Formats;

/// <summary>The MRC2014 data modes this code reads; writing is always <see cref="Float32"/>.</summary>
public enum MrcMode
{
    Int8 = 0,
    Int16 = 1,
    Float32 = 2,
    UInt16 = 6,
}
