using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Transactions;

public class TransactionCodecTests
{
    public static TheoryData<string> Names => new(TestTransactions.All().Select(t => t.Name));

    private static Transaction Sample(string name) => TestTransactions.All().Single(t => t.Name == name).Tx;

    [Theory]
    [MemberData(nameof(Names))]
    public void SignedTransactionsRoundTripByteForByte(string name)
    {
        Transaction tx = TransactionSigner.Sign(Sample(name), TestTransactions.Key);
        byte[] encoded = TransactionEncoder.Encode(tx);
        Assert.Equal(TransactionEncoder.GetLength(tx), encoded.Length);

        Transaction decoded = TransactionDecoder.Decode(encoded);
        Assert.Equal(encoded, TransactionEncoder.Encode(decoded));
        Assert.Equal(tx.Hash, decoded.Hash);
        Assert.Equal(Keccak(encoded), decoded.Hash);
        Assert.Equal(tx.Type, decoded.Type);
        Assert.Equal(tx.ChainId, decoded.ChainId);
        Assert.Equal(tx.To, decoded.To);
        Assert.Equal(tx.Data.ToArray(), decoded.Data.ToArray());
        Assert.Equal(tx.AccessList.Count, decoded.AccessList.Count);
        Assert.Equal(tx.AuthorizationList, decoded.AuthorizationList);
        Assert.Equal(tx.BlobVersionedHashes, decoded.BlobVersionedHashes);
        Assert.Equal(tx, decoded);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void BlockBodyFormWrapsTypedTransactions(string name)
    {
        Transaction tx = TransactionSigner.Sign(Sample(name), TestTransactions.Key);
        byte[] canonical = TransactionEncoder.Encode(tx);
        var item = new byte[TransactionEncoder.GetBlockBodyLength(tx)];
        Assert.Equal(item.Length, TransactionEncoder.EncodeForBlockBody(tx, item));
        if (tx.Type == TransactionType.Legacy) Assert.Equal(canonical, item);
        else Assert.Equal(Tachyon.Core.Rlp.Rlp.Encode(canonical), item);

        // Through an RlpWriter too, as a block encoder would.
        var viaWriter = new byte[item.Length];
        var w = new RlpWriter(viaWriter);
        TransactionEncoder.EncodeForBlockBody(tx, ref w);
        Assert.Equal(item, viaWriter);

        Transaction decoded = TransactionDecoder.DecodeBlockBodyItem(item);
        Assert.Equal(tx.Hash, decoded.Hash);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SignThenRecoverGivesTheKeysAddress(string name)
    {
        Transaction tx = TransactionSigner.Sign(Sample(name), TestTransactions.Key);
        Assert.True(SenderRecovery.TryRecoverSender(tx, out Address sender, out string error), error);
        Assert.Equal(Tachyon.Core.Crypto.Secp256k1.GetAddress(TestTransactions.Key), sender);

        // Any change to a signed field changes the recovered sender (or breaks recovery).
        Transaction tampered = tx with { Nonce = tx.Nonce + 1 };
        Assert.True(!SenderRecovery.TryRecoverSender(tampered, out Address other, out _) || other != sender);
    }

    [Fact]
    public void HashingRecoveryAndValidationDoNotAllocate()
    {
        Transaction tx = TransactionSigner.Sign(Sample("type 4") with { MaxFeePerGas = 10, GasLimit = 100_000 }, TestTransactions.Key);
        var rules = new TransactionRules(1, IsPrague: true);
        for (int i = 0; i < 3; i++) Run(); // warm up (JIT, statics)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The managed fallback allocates (BouncyCastle); the native path must not.
        if (Tachyon.Core.Crypto.Secp256k1.Backend == "native") Assert.Equal(0, allocated);

        void Run()
        {
            TransactionEncoder.ComputeHash(tx);
            TransactionEncoder.SigningHash(tx);
            Assert.True(SenderRecovery.TryRecoverSender(tx, out _, out _));
            Assert.True(TransactionValidator.Validate(tx, rules).IsValid);
        }
    }

    [Fact]
    public void Eip155ExampleMatchesTheEip()
    {
        // The worked example in EIP-155.
        Transaction tx = Sample("legacy EIP-155");
        Assert.Equal("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", TransactionEncoder.SigningHash(tx).ToString());
        Transaction signed = TransactionSigner.Sign(tx, TestTransactions.Key);
        Assert.Equal(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            Hex.ToHex(TransactionEncoder.Encode(signed)));
        Assert.Equal(37UL, signed.V.U0);
    }

    [Fact]
    public void SigningHashFormsFollowTheSpec()
    {
        Transaction pre155 = Sample("legacy pre-155");
        byte[] six = Tachyon.Core.Rlp.Rlp.EncodeList(Hex.FromHex("098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080"));
        Assert.Equal(Keccak(six), TransactionEncoder.SigningHash(pre155));

        // Typed: keccak(type || rlp(payload without signature)); the signature fields do not matter.
        Transaction typed = TransactionSigner.Sign(Sample("type 2 creation"), TestTransactions.Key);
        byte[] signedEncoding = TransactionEncoder.Encode(typed);
        Transaction unsigned = typed with { V = 0, R = 0, S = 0 };
        Assert.Equal(TransactionEncoder.SigningHash(unsigned), TransactionEncoder.SigningHash(typed));
        Assert.Equal(0x02, signedEncoding[0]);
        Assert.NotEqual(TransactionEncoder.SigningHash(typed), typed.Hash);
    }

    [Fact]
    public void WithResetsTheCachedHash()
    {
        Transaction tx = TransactionSigner.Sign(Sample("type 1"), TestTransactions.Key);
        Hash256 before = tx.Hash;
        Transaction changed = tx with { Nonce = 99 };
        Assert.NotEqual(before, changed.Hash);
        Assert.Equal(Keccak(TransactionEncoder.Encode(changed)), changed.Hash);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0x05c0", "unknown transaction type 0x05")]
    [InlineData("0x00c0", "unknown transaction type 0x00")]
    [InlineData("0x7fc0", "unknown transaction type 0x7f")]
    [InlineData("0x80", "type byte")]
    [InlineData("0xc0", "has 0 fields, expected 9")]
    [InlineData("0x02c0", "has 0 fields, expected 12")]
    [InlineData("0x0280", "payload must be an RLP list")]
    [InlineData("0xc9808080808080808080ff", "trailing")]
    [InlineData("0xca80808080808080808080", "has 10 fields")]
    [InlineData("0xc98180808080808080808080", "")] // 0x81 0x80: non-canonical single byte
    [InlineData("0xcb8200018080808080808080", "leading zero")]
    public void MalformedInputGivesAClearError(string hex, string expected)
    {
        byte[] raw = Hex.FromHex(hex);
        Assert.False(TransactionDecoder.TryDecode(raw, out Transaction? tx, out string error));
        Assert.Null(tx);
        Assert.Contains(expected, error);
        Assert.Throws<TransactionFormatException>(() => TransactionDecoder.Decode(raw));
    }

    [Fact]
    public void FieldErrorsNameTheField()
    {
        Transaction tx = TransactionSigner.Sign(Sample("legacy EIP-155"), TestTransactions.Key);
        byte[] raw = TransactionEncoder.Encode(tx);
        // Make 'to' 19 bytes: 0x94 -> 0x93, and shorten the list by one byte.
        int toIndex = Array.IndexOf(raw, (byte)0x94);
        byte[] bad = [.. raw[..toIndex], 0x93, .. raw[(toIndex + 2)..]];
        bad[1]--; // list length (0xf86c: long form, one length byte)
        Assert.False(TransactionDecoder.TryDecode(bad, out _, out string error));
        Assert.Contains("'to'", error);
    }

    [Fact]
    public void RandomBytesNeverCrashTheDecoder()
    {
        var rng = new Random(1234);
        int decoded = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var raw = new byte[rng.Next(0, 200)];
            rng.NextBytes(raw);
            if (raw.Length > 0 && i % 3 == 0) raw[0] = (byte)rng.Next(0, 5); // bias toward typed prefixes
            if (Check(raw)) decoded++;
        }
        Assert.True(decoded < 10_000);
    }

    [Fact]
    public void MutatedValidTransactionsNeverCrashAndNeverDecodeNonCanonically()
    {
        var rng = new Random(99);
        var encodings = TestTransactions.All().Select(t => TransactionEncoder.Encode(TransactionSigner.Sign(t.Tx, TestTransactions.Key))).ToArray();
        int decoded = 0;
        for (int i = 0; i < 10_000; i++)
        {
            byte[] raw = (byte[])encodings[rng.Next(encodings.Length)].Clone();
            switch (rng.Next(4))
            {
                case 0: raw[rng.Next(raw.Length)] ^= (byte)(1 << rng.Next(8)); break;
                case 1: raw[rng.Next(raw.Length)] = (byte)rng.Next(256); break;
                case 2: raw = raw[..rng.Next(raw.Length)]; break;
                default: raw = [.. raw, (byte)rng.Next(256)]; break;
            }
            if (Check(raw)) decoded++;
        }
        Assert.True(decoded > 0, "some single-byte mutations (e.g. in data or r) still decode");
    }

    /// <summary>Decodes; only TransactionFormatException may escape, and success implies canonical bytes.</summary>
    private static bool Check(byte[] raw)
    {
        Transaction tx;
        try
        {
            tx = TransactionDecoder.Decode(raw);
        }
        catch (TransactionFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            Assert.False(TransactionDecoder.TryDecode(raw, out _, out string error));
            Assert.Equal(e.Message, error);
            return false;
        }
        Assert.True(raw.AsSpan().SequenceEqual(TransactionEncoder.Encode(tx)), "non-canonical input decoded: " + Hex.ToHex(raw));
        // Validation must not throw either, whatever the fields hold.
        TransactionValidator.Validate(tx, new TransactionRules(1, IsPrague: true) { AllowBlobTransactions = true });
        return true;
    }

    private static Hash256 Keccak(byte[] data) => Tachyon.Core.Crypto.Keccak256.Compute(data);
}
