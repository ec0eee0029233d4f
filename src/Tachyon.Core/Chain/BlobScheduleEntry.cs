namespace Tachyon.Core.Chain;

/// <summary>
/// Per-fork blob parameters (EIP-7840 "blobSchedule"): target and maximum blobs per block, and
/// the blob base fee update fraction.
/// </summary>
public readonly record struct BlobScheduleEntry(ulong Target, ulong Max, ulong BaseFeeUpdateFraction)
{
    /// <summary>EIP-4844 values.</summary>
    public static readonly BlobScheduleEntry Cancun = new(3, 6, 3_338_477);

    /// <summary>EIP-7691 values.</summary>
    public static readonly BlobScheduleEntry Prague = new(6, 9, 5_007_716);
}
