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
        Precompiles = Complete(PrecompileSet.Cancun, lastAddress: 0x0a),
    };

    public static readonly ForkSpec Prague = new()
    {
        Name = "Prague",
        IsEip7702Enabled = true,
        IsEip7623Enabled = true,
        TargetBlobsPerBlock = 6,
        MaxBlobsPerBlock = 9,
        BlobBaseFeeUpdateFraction = 5007716,
        Precompiles = Complete(PrecompileSet.Prague, lastAddress: 0x11),
    };

    /// <summary>
    /// The fork's precompiles are 0x01..<paramref name="lastAddress"/> (Cancun: up to 0x0a point
    /// evaluation; Prague adds the EIP-2537 BLS12-381 precompiles 0x0b..0x11). Tachyon.Precompiles
    /// builds the base sets; precompiles it provides outside them (KZG, BLS12-381: registered "by the
    /// code that provides them") are found in that assembly and added when the set lacks their address.
    /// </summary>
    private static PrecompileSet Complete(PrecompileSet baseSet, int lastAddress)
    {
        var extra = new List<IPrecompile>();
        var seen = new HashSet<Tachyon.Core.Types.Address>(baseSet.Addresses);
        foreach (Type t in typeof(IPrecompile).Assembly.GetExportedTypes())
        {
            if (t.IsAbstract || t.IsInterface || t.ContainsGenericParameters || !typeof(IPrecompile).IsAssignableFrom(t)) continue;
            // A shared instance (static Instance property) or a public parameterless constructor.
            IPrecompile? p = t.GetProperty("Instance", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as IPrecompile
                ?? (t.GetConstructor(Type.EmptyTypes) is null ? null : (IPrecompile?)Activator.CreateInstance(t));
            if (p is null) continue;
            ReadOnlySpan<byte> a = p.Address.Bytes;
            if (a[..19].ContainsAnyExcept((byte)0) || a[19] == 0 || a[19] > lastAddress) continue;
            if (seen.Add(p.Address)) extra.Add(p);
        }
        return extra.Count == 0 ? baseSet : baseSet.With(extra);
    }

    public static IReadOnlyList<ForkSpec> All { get; } = [Cancun, Prague];

    public static ForkSpec? ByName(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
