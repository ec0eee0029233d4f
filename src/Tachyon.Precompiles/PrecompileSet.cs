using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

/// <summary>
/// The precompiles active in a fork, looked up by address. All precompile addresses are small
/// (0x00..00NNNN: Ethereum's 0x01..0x11, RIP precompiles such as P256VERIFY at 0x100), so lookup
/// is a zero check on the first 18 bytes plus a bounds-checked index into a table sized to the
/// highest address in the set (18 entries for Prague, 257 with P256VERIFY).
/// </summary>
public sealed class PrecompileSet
{
    private readonly IPrecompile?[] _byIndex;
    private readonly Address[] _addresses;

    public PrecompileSet(IEnumerable<IPrecompile> precompiles)
    {
        ArgumentNullException.ThrowIfNull(precompiles);
        var byIndex = new Dictionary<int, IPrecompile>();
        foreach (IPrecompile p in precompiles)
        {
            ArgumentNullException.ThrowIfNull(p);
            if (!TryIndex(p.Address, out int index))
                throw new ArgumentException($"precompile address {p.Address} is not of the form 0x00..00NNNN");
            if (!byIndex.TryAdd(index, p))
                throw new ArgumentException($"two precompiles registered at {p.Address}");
        }
        _byIndex = new IPrecompile?[byIndex.Count == 0 ? 1 : byIndex.Keys.Max() + 1];
        foreach ((int index, IPrecompile p) in byIndex) _byIndex[index] = p;
        var list = byIndex.Values.Select(p => p.Address).ToList();
        list.Sort();
        _addresses = list.ToArray();
    }

    /// <summary>Cancun: 0x01..0x0a (ecrecover through KZG point evaluation).</summary>
    public static PrecompileSet Cancun { get; } = new(CancunPrecompiles());

    /// <summary>Prague: Cancun plus the EIP-2537 BLS12-381 precompiles 0x0b..0x11.</summary>
    public static PrecompileSet Prague { get; } = new([.. CancunPrecompiles(), .. PraguePrecompiles()]);

    /// <summary>
    /// Tachyon's L2: Prague plus the RIP (rollup improvement proposal) precompiles, currently
    /// RIP-7212 P256VERIFY at 0x100. Not part of Ethereum's Prague: there 0x100 is an ordinary
    /// (empty) account, which the official state tests rely on.
    /// </summary>
    public static PrecompileSet TachyonL2 { get; } = Prague.With(L2Extensions());

    /// <summary>The precompiles active from Cancun on (stateless, shared instances where they have one).</summary>
    public static IReadOnlyList<IPrecompile> CancunPrecompiles() =>
    [
        new EcRecoverPrecompile(),
        new Sha256Precompile(),
        new Ripemd160Precompile(),
        new IdentityPrecompile(),
        new ModExpPrecompile(),
        new Bn254AddPrecompile(),
        new Bn254MulPrecompile(),
        new Bn254PairingPrecompile(),
        new Blake2FPrecompile(),
        Kzg.PointEvaluationPrecompile.Instance,
    ];

    /// <summary>The precompiles Prague adds (EIP-2537).</summary>
    public static IReadOnlyList<IPrecompile> PraguePrecompiles() =>
    [
        Bls12381.G1AddPrecompile.Instance,
        Bls12381.G1MsmPrecompile.Instance,
        Bls12381.G2AddPrecompile.Instance,
        Bls12381.G2MsmPrecompile.Instance,
        Bls12381.PairingCheckPrecompile.Instance,
        Bls12381.MapFpToG1Precompile.Instance,
        Bls12381.MapFp2ToG2Precompile.Instance,
    ];

    /// <summary>The RIP precompiles the L2 adds on top of Ethereum's set (RIP-7212 P256VERIFY).</summary>
    public static IReadOnlyList<IPrecompile> L2Extensions() =>
    [
        P256.P256VerifyPrecompile.Instance,
    ];

    /// <summary>Addresses of all precompiles in the set, ascending (for EIP-2929 warm pre-population).</summary>
    public IReadOnlyList<Address> Addresses => _addresses;

    public int Count => _addresses.Length;

    /// <summary>A new set holding this set's precompiles plus <paramref name="more"/>; a precompile in
    /// <paramref name="more"/> replaces one of this set at the same address.</summary>
    public PrecompileSet With(params IEnumerable<IPrecompile> more)
    {
        var merged = new Dictionary<Address, IPrecompile>();
        foreach (IPrecompile? p in _byIndex)
            if (p != null) merged[p.Address] = p;
        foreach (IPrecompile p in more) merged[p.Address] = p;
        return new PrecompileSet(merged.Values);
    }

    public bool Contains(in Address address) => TryGet(address, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(in Address address, [MaybeNullWhen(false)] out IPrecompile precompile)
    {
        IPrecompile?[] table = _byIndex;
        if (TryIndex(address, out int index) && (uint)index < (uint)table.Length)
        {
            precompile = table[index];
            return precompile != null;
        }
        precompile = null;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryIndex(in Address address, out int index)
    {
        ref byte b = ref Unsafe.As<Address, byte>(ref Unsafe.AsRef(in address));
        ulong head = Unsafe.ReadUnaligned<ulong>(ref b) | Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, 8));
        uint tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, 16));
        if (BitConverter.IsLittleEndian) tail = BinaryPrimitives.ReverseEndianness(tail);
        index = (int)(tail & 0xFFFF);
        return (head | (tail >> 16)) == 0;
    }
}
