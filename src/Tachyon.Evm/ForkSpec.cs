using Tachyon.Evm.Precompiles;
using Tachyon.Precompiles;
using Tachyon.Precompiles.Bls12381;
using Tachyon.Precompiles.Kzg;

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
        Precompiles = Complete(PrecompileSet.Cancun, withBls: false),
    };

    public static readonly ForkSpec Prague = new()
    {
        Name = "Prague",
        IsEip7702Enabled = true,
        IsEip7623Enabled = true,
        TargetBlobsPerBlock = 6,
        MaxBlobsPerBlock = 9,
        BlobBaseFeeUpdateFraction = 5007716,
        Precompiles = Complete(PrecompileSet.Prague, withBls: true),
    };

    /// <summary>
    /// A fork's precompiles: Tachyon.Precompiles' base set plus the precompiles it provides outside
    /// it ("registered by the code that provides them"): the EIP-4844 point evaluation (0x0a) from
    /// Cancun on, the EIP-2537 BLS12-381 precompiles (0x0b..0x11) from Prague on. Each is added only
    /// when the base set has nothing at its address.
    /// </summary>
    private static PrecompileSet Complete(PrecompileSet baseSet, bool withBls)
    {
        var extra = new List<IPrecompile>();
        var seen = new HashSet<Tachyon.Core.Types.Address>(baseSet.Addresses);
        void Add(Tachyon.Core.Types.Address address, PrecompileAdapter.GasFunction gas, PrecompileAdapter.RunFunction run)
        {
            if (seen.Add(address)) extra.Add(new PrecompileAdapter(address, gas, run));
        }
        var kzg = PointEvaluationPrecompile.Instance;
        Add(kzg.Address, kzg.RequiredGas, kzg.TryRun);
        if (withBls)
        {
            var g1Add = G1AddPrecompile.Instance; Add(g1Add.Address, g1Add.RequiredGas, g1Add.TryRun);
            var g1Msm = G1MsmPrecompile.Instance; Add(g1Msm.Address, g1Msm.RequiredGas, g1Msm.TryRun);
            var g2Add = G2AddPrecompile.Instance; Add(g2Add.Address, g2Add.RequiredGas, g2Add.TryRun);
            var g2Msm = G2MsmPrecompile.Instance; Add(g2Msm.Address, g2Msm.RequiredGas, g2Msm.TryRun);
            var pairing = PairingCheckPrecompile.Instance; Add(pairing.Address, pairing.RequiredGas, pairing.TryRun);
            var mapG1 = MapFpToG1Precompile.Instance; Add(mapG1.Address, mapG1.RequiredGas, mapG1.TryRun);
            var mapG2 = MapFp2ToG2Precompile.Instance; Add(mapG2.Address, mapG2.RequiredGas, mapG2.TryRun);
        }
        return extra.Count == 0 ? baseSet : baseSet.With(extra);
    }

    public static IReadOnlyList<ForkSpec> All { get; } = [Cancun, Prague];

    public static ForkSpec? ByName(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
