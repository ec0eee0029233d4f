using BenchmarkDotNet.Attributes;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Benchmarks;

/// <summary>
/// Transaction sender recovery (signing hash, then public key recovery and keccak): native
/// libsecp256k1 against the managed BouncyCastle fallback (the baseline), on one signed transaction.
/// </summary>
[MemoryDiagnoser]
public class Secp256k1Benchmarks
{
    private readonly byte[] _hash = new byte[32];
    private readonly byte[] _rs = new byte[64];
    private readonly byte[] _pub = new byte[64];
    private int _recoveryId;
    private NativeSecp256k1 _native = null!;
    private readonly ManagedSecp256k1 _managed = ManagedSecp256k1.Instance;

    [GlobalSetup]
    public void Setup()
    {
        _native = NativeSecp256k1.TryCreate() ?? throw new InvalidOperationException("libsecp256k1 not found");
        byte[] key = Hex.FromHex("4646464646464646464646464646464646464646464646464646464646464646");
        var tx = new Transaction
        {
            Type = TransactionType.DynamicFee,
            ChainId = 1,
            Nonce = 7,
            MaxPriorityFeePerGas = 1_000_000_000UL,
            MaxFeePerGas = 30_000_000_000UL,
            GasLimit = 21_000,
            To = Address.Parse("0x3535353535353535353535353535353535353535"),
            Value = 1_000_000_000_000_000UL,
        };
        Transaction signed = TransactionSigner.Sign(tx, key);
        TransactionEncoder.SigningHash(signed).Bytes.CopyTo(_hash);
        signed.R.WriteBigEndian(_rs.AsSpan(0, 32));
        signed.S.WriteBigEndian(_rs.AsSpan(32));
        _recoveryId = (int)signed.V.U0;
    }

    [Benchmark(Baseline = true)]
    public Address RecoverManaged() => Recover(_managed);

    [Benchmark]
    public Address RecoverNative() => Recover(_native);

    private Address Recover(ISecp256k1Backend backend)
    {
        if (!backend.TryRecoverPublicKey(_hash, _rs, _recoveryId, _pub)) throw new InvalidOperationException("recovery failed");
        return Address.FromPublicKey(_pub);
    }
}
