using Tachyon.Precompiles;

namespace Tachyon.Evm;

/// <summary>
/// Everything that differs between the supported forks, in one place. The interpreter and the
/// transaction processor read flags and parameters from here instead of testing fork names.
/// </summary>
public sealed class ForkSpec
{
    public required string Name { get; init; }

    /// <summary>EIP-7702 set-code transactions and delegated code resolution.</summary>
    public bool IsEip7702Enabled { get; init; }
    /// <summary>EIP-7623 calldata floor cost.</summary>
    public bool IsEip7623Enabled { get; init; }

    public int MaxCodeSize { get; init; } = 24576;
    public int MaxInitCodeSize { get; init; } = 49152;

    // EIP-4844 blob parameters (EIP-7691 raises them in Prague).
    public int TargetBlobsPerBlock { get; init; }
    public int MaxBlobsPerBlock { get; init; }
    public ulong BlobBaseFeeUpdateFraction { get; init; }
    public const ulong GasPerBlob = 131072;
    public const ulong MinBlobBaseFee = 1;
    public const byte BlobVersionedHashVersion = 0x01;

    /// <summary>EIP-7702 per-authorization costs.</summary>
    public long PerEmptyAccountCost { get; init; } = 25000;
    public long PerAuthBaseCost { get; init; } = 12500;

    public required PrecompileSet Precompiles { get; init; }

    public static readonly ForkSpec Cancun = new()
    {
        Name = "Cancun",
        TargetBlobsPerBlock = 3,
        MaxBlobsPerBlock = 6,
        BlobBaseFeeUpdateFraction = 3338477,
        Precompiles = PrecompileSet.Cancun,
    };

    public static readonly ForkSpec Prague = new()
    {
        Name = "Prague",
        IsEip7702Enabled = true,
        IsEip7623Enabled = true,
        TargetBlobsPerBlock = 6,
        MaxBlobsPerBlock = 9,
        BlobBaseFeeUpdateFraction = 5007716,
        Precompiles = PrecompileSet.Prague,
    };

    /// <summary>
    /// Tachyon's L2 execution rules: Prague plus the RIP precompiles (P256VERIFY at 0x100). Not in
    /// <see cref="All"/>: the official state tests name Ethereum forks only.
    /// </summary>
    public static readonly ForkSpec TachyonL2 = new()
    {
        Name = "TachyonL2",
        IsEip7702Enabled = true,
        IsEip7623Enabled = true,
        TargetBlobsPerBlock = 6,
        MaxBlobsPerBlock = 9,
        BlobBaseFeeUpdateFraction = 5007716,
        Precompiles = PrecompileSet.TachyonL2,
    };

    public static IReadOnlyList<ForkSpec> All { get; } = [Cancun, Prague];

    /// <summary>Ethereum's forks and <see cref="TachyonL2"/>: the names a state test's post section may use.</summary>
    private static readonly ForkSpec[] Named = [Cancun, Prague, TachyonL2];

    public static ForkSpec? ByName(string name) =>
        Named.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
