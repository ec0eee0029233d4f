using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Transactions;

public class TransactionValidatorTests
{
    private static readonly TransactionRules Cancun = new(1, IsPrague: false);
    private static readonly TransactionRules Prague = new(1, IsPrague: true);

    private static Transaction Sample(string name) => TestTransactions.All().Single(t => t.Name == name).Tx;
    private static Transaction Signed(Transaction tx) => TransactionSigner.Sign(tx, TestTransactions.Key);

    private static string Reject(Transaction tx, TransactionRules rules)
    {
        TransactionValidationResult r = TransactionValidator.Validate(tx, rules);
        Assert.False(r.IsValid, "expected a rejection");
        return r.Error!;
    }

    [Fact]
    public void IntrinsicGasCancun()
    {
        byte[] data = [0, 0, 1, 2, 0];
        Assert.Equal(new IntrinsicGasCost(21_000 + 3 * 4 + 2 * 16, 0), IntrinsicGas.Calculate(data, false, 0, 0, 0, isPrague: false));
        // Creation: +32000 and 2 gas per 32-byte init code word (5 bytes = 1 word).
        Assert.Equal(21_000UL + 32_000 + 44 + 2, IntrinsicGas.Calculate(data, true, 0, 0, 0, false).Standard);
        Assert.Equal(21_000UL + 2 * 2400 + 3 * 1900, IntrinsicGas.Calculate([], false, 2, 3, 0, false).Standard);
        Assert.Equal(21_000UL, IntrinsicGas.Calculate([], false, 0, 0, 5, false).Standard); // no 7702 before Prague
    }

    [Fact]
    public void IntrinsicGasPragueAddsAuthorizationsAndTheFloor()
    {
        byte[] data = [0, 0, 1, 2, 0];
        IntrinsicGasCost cost = IntrinsicGas.Calculate(data, false, 0, 0, 2, isPrague: true);
        Assert.Equal(21_000UL + 44 + 2 * 25_000, cost.Standard);
        Assert.Equal(21_000UL + 10 * (3 + 4 * 2), cost.Floor);
        Assert.Equal(cost.Standard, cost.Minimum);

        IntrinsicGasCost dataHeavy = IntrinsicGas.Calculate(new byte[1000].Select(_ => (byte)1).ToArray(), false, 0, 0, 0, true);
        Assert.Equal(21_000UL + 16_000, dataHeavy.Standard);
        Assert.Equal(21_000UL + 40_000, dataHeavy.Floor);
        Assert.Equal(dataHeavy.Floor, dataHeavy.Minimum);
    }

    [Fact]
    public void FloorMakesALowGasLimitInvalidOnlyInPrague()
    {
        var tx = Signed(Sample("legacy EIP-155") with { Data = Enumerable.Repeat((byte)1, 1000).ToArray(), GasLimit = 21_000 + 16_000 });
        Assert.True(TransactionValidator.Validate(tx, Cancun).IsValid);
        Assert.Contains("EIP-7623", Reject(tx, Prague));
        Assert.True(TransactionValidator.Validate(Signed(tx with { GasLimit = 61_000 }), Prague).IsValid);
    }

    [Fact]
    public void ValidTransactionsOfEachAllowedType()
    {
        foreach (var (name, tx) in TestTransactions.All())
        {
            var signed = Signed(tx with { GasLimit = 1_000_000, ChainId = tx.ChainId ?? (tx.Type == TransactionType.Legacy ? null : 1UL) });
            if (name.Contains("big chain id") || signed.Type == TransactionType.Blob) continue;
            if (signed.Type == TransactionType.DynamicFee || signed.Type == TransactionType.SetCode)
                signed = Signed(signed with { MaxFeePerGas = 10, MaxPriorityFeePerGas = 2 });
            TransactionValidationResult r = TransactionValidator.Validate(signed, Prague);
            Assert.True(r.IsValid, $"{name}: {r.Error}");
            Assert.Equal(Secp256k1.GetAddress(TestTransactions.Key), r.Sender);
        }
    }

    [Fact]
    public void BlobTransactionsAreUnsupportedOnThisL2()
    {
        var tx = Signed(Sample("type 3") with { MaxFeePerGas = 10, GasLimit = 100_000 });
        Assert.Contains("not supported on this L2", Reject(tx, Prague));
        Assert.Contains("not supported on this L2", Reject(tx, Cancun));
        // Still fully decoded, and valid by L1 rules when explicitly allowed.
        Transaction decoded = TransactionDecoder.Decode(TransactionEncoder.Encode(tx));
        Assert.Equal(2, decoded.BlobVersionedHashes.Count);
        Assert.Equal((UInt256)3UL, decoded.MaxFeePerBlobGas);
        Assert.True(TransactionValidator.Validate(decoded, Prague with { AllowBlobTransactions = true }).IsValid);
        var badVersion = Signed(tx with { BlobVersionedHashes = [Hash256.EmptyKeccak] });
        Assert.Contains("version", Reject(badVersion, Prague with { AllowBlobTransactions = true }));
        Assert.Contains("without blob", Reject(Signed(tx with { BlobVersionedHashes = [] }), Prague with { AllowBlobTransactions = true }));
    }

    [Fact]
    public void SetCodeTransactionsNeedPragueAndAuthorizations()
    {
        var tx = Signed(Sample("type 4") with { MaxFeePerGas = 10, GasLimit = 100_000 });
        Assert.True(TransactionValidator.Validate(tx, Prague).IsValid);
        Assert.Contains("before Prague", Reject(tx, Cancun));
        Assert.Contains("empty authorization list", Reject(Signed(tx with { AuthorizationList = [] }), Prague));
        Assert.Contains("intrinsic gas", Reject(Signed(tx with { GasLimit = 21_000 + 2 * 25_000 - 1 }), Prague));
    }

    [Fact]
    public void StatelessRuleViolationsAreRejected()
    {
        Transaction legacy = Signed(Sample("legacy EIP-155"));
        Assert.True(TransactionValidator.Validate(legacy, Cancun).IsValid);
        Assert.Contains("chain id", Reject(legacy, new TransactionRules(5, false)));
        Assert.True(TransactionValidator.Validate(Signed(Sample("legacy pre-155")), new TransactionRules(5, false)).IsValid);
        Assert.Contains("EIP-2681", Reject(Signed(legacy with { Nonce = ulong.MaxValue }), Cancun));
        Assert.Contains("intrinsic gas", Reject(Signed(legacy with { GasLimit = 20_999 }), Cancun));
        Assert.Contains("overflows", Reject(Signed(legacy with { GasPrice = UInt256.MaxValue }), Cancun));
        Assert.Contains("EIP-3860", Reject(Signed(legacy with { To = null, Data = new byte[49_153], GasLimit = 10_000_000 }), Cancun));
        Assert.True(TransactionValidator.Validate(Signed(legacy with { To = null, Data = new byte[49_152], GasLimit = 10_000_000 }), Cancun).IsValid);

        Transaction fee = Signed(Sample("type 2 empty access list") with { MaxFeePerGas = 10, MaxPriorityFeePerGas = 11 });
        Assert.Contains("priority fee", Reject(fee, Cancun));
    }

    [Fact]
    public void SignatureRulesFollowEip2AndEip155()
    {
        Transaction legacy = Signed(Sample("legacy EIP-155"));
        Assert.Contains("r is zero", Reject(legacy with { R = 0 }, Cancun));
        Assert.Contains("s is zero", Reject(legacy with { S = 0 }, Cancun));
        Assert.Contains("invalid v", Reject(legacy with { V = 29 }, Cancun));
        Assert.Contains("chain id", Reject(legacy with { V = 39, ChainId = 2 }, Cancun));

        Transaction typed = Signed(Sample("type 1"));
        Assert.Contains("y_parity", Reject(typed with { V = 2 }, Cancun));
        Assert.Contains("y_parity", Reject(typed with { V = 27 }, Cancun));

        // High s: exactly n/2 + 1 is rejected by the transaction rules but still recoverable (ecrecover).
        UInt256 high = new(Secp256k1Curve.HalfOrder.U0 + 1, Secp256k1Curve.HalfOrder.U1, Secp256k1Curve.HalfOrder.U2, Secp256k1Curve.HalfOrder.U3);
        Assert.Contains("EIP-2", Reject(typed with { S = high }, Cancun));
        Span<byte> rs = stackalloc byte[64];
        typed.R.WriteBigEndian(rs[..32]);
        high.WriteBigEndian(rs[32..]);
        Assert.True(Secp256k1.TryRecoverAddress(TransactionEncoder.SigningHash(typed).Bytes, rs, 0, out _) ||
                    Secp256k1.TryRecoverAddress(TransactionEncoder.SigningHash(typed).Bytes, rs, 1, out _));
    }

    [Fact]
    public void AuthorityRecovery7702()
    {
        Address expected = Secp256k1.GetAddress(TestTransactions.Key);
        AuthorizationTuple auth = TransactionSigner.SignAuthorization(1, TestTransactions.To, 7, TestTransactions.Key);
        Assert.True(AuthorityRecovery.TryRecoverAuthority(auth, out Address authority, out string error), error);
        Assert.Equal(expected, authority);

        // Domain-separated: keccak(0x05 || rlp([1, to, 7])).
        byte[] msg = [0x05, 0xd7, 0x01, 0x94, .. TestTransactions.To.Bytes, 0x07];
        Assert.Equal(Keccak256.Compute(msg), AuthorityRecovery.SigningHash(1, TestTransactions.To, 7));

        Assert.False(AuthorityRecovery.TryRecoverAuthority(auth with { YParity = 2 }, out _, out error));
        Assert.Contains("y_parity", error);
        UInt256 n = Secp256k1Curve.Order;
        Assert.False(AuthorityRecovery.TryRecoverAuthority(auth with { S = n }, out _, out _));
        Assert.False(AuthorityRecovery.TryRecoverAuthority(auth with { R = 0 }, out _, out _));
        UInt256 high = new(Secp256k1Curve.HalfOrder.U0 + 1, Secp256k1Curve.HalfOrder.U1, Secp256k1Curve.HalfOrder.U2, Secp256k1Curve.HalfOrder.U3);
        Assert.False(AuthorityRecovery.TryRecoverAuthority(auth with { S = high }, out _, out error));
        Assert.Contains("EIP-2", error);
        // A bad authorization does not make the transaction invalid: it is skipped at execution.
        var tx = Signed(Sample("type 4") with { MaxFeePerGas = 10, GasLimit = 100_000, AuthorizationList = [auth with { YParity = 2 }] });
        Assert.True(TransactionValidator.Validate(tx, Prague).IsValid);
    }
}
