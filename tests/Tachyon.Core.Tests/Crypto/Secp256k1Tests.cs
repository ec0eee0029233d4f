using System.Text.Json;
using Tachyon.Core.Crypto;
using Tachyon.Core.Tests.Infrastructure;
using Tachyon.Core.Types;
using Xunit.Abstractions;

namespace Tachyon.Core.Tests.Crypto;

/// <summary>The native and managed backends must agree byte for byte; both must reject bad input.</summary>
public class Secp256k1Tests(ITestOutputHelper output)
{
    private static readonly NativeSecp256k1 Native = NativeSecp256k1.TryCreate()
        ?? throw new InvalidOperationException("libsecp256k1 did not load; install libsecp256k1-1 (scripts/test.sh does)");
    private static readonly ManagedSecp256k1 Managed = ManagedSecp256k1.Instance;

    public static TheoryData<string> Backends => new() { "native", "managed" };

    private static ISecp256k1Backend Get(string name) => name == "native" ? Native : Managed;

    [Fact]
    public void NativeAndManagedAgreeOnRandomKeysAndMessages()
    {
        var rng = new Random(20240601);
        Span<byte> key = stackalloc byte[32], hash = stackalloc byte[32];
        Span<byte> sigN = stackalloc byte[64], sigM = stackalloc byte[64];
        Span<byte> pubN = stackalloc byte[64], pubM = stackalloc byte[64], rec = stackalloc byte[64];
        const int count = 2000;
        for (int i = 0; i < count; i++)
        {
            rng.NextBytes(key);
            rng.NextBytes(hash);
            if (!Secp256k1Curve.IsValidScalar(key)) continue;

            Assert.True(Native.TryGetPublicKey(key, pubN));
            Assert.True(Managed.TryGetPublicKey(key, pubM));
            Assert.True(pubN.SequenceEqual(pubM), $"public key mismatch, case {i}");

            Native.Sign(hash, key, sigN, out int recN);
            Managed.Sign(hash, key, sigM, out int recM);
            Assert.True(sigN.SequenceEqual(sigM), $"signature mismatch, case {i}");
            Assert.Equal(recN, recM);
            Assert.InRange(recN, 0, 1);
            Assert.True(sigN[32..].SequenceCompareTo(Secp256k1Curve.HalfOrderBytes) <= 0, "high s");

            foreach (ISecp256k1Backend b in new ISecp256k1Backend[] { Native, Managed })
            {
                Assert.True(b.TryRecoverPublicKey(hash, sigN, recN, rec), $"{b.Name} recovery failed, case {i}");
                Assert.True(rec.SequenceEqual(pubN), $"{b.Name} recovered a different key, case {i}");
            }
        }
        output.WriteLine($"{count} random keys: native and managed agree");
    }

    [Fact]
    public void HighSAndAllRecoveryIdsAgree()
    {
        // ecrecover semantics: any s in [1, n-1] and recovery ids 0..3; compare whatever each returns.
        var rng = new Random(7);
        Span<byte> hash = stackalloc byte[32], rs = stackalloc byte[64];
        Span<byte> a = stackalloc byte[64], b = stackalloc byte[64];
        int recovered = 0;
        for (int i = 0; i < 250; i++)
        {
            rng.NextBytes(hash);
            rng.NextBytes(rs);
            if (i % 5 == 0) rs[..16].Fill(0xFF); // r near n: r + n overflows p, exercising ids 2/3
            for (int id = 0; id < 4; id++)
            {
                bool okN = Native.TryRecoverPublicKey(hash, rs, id, a);
                bool okM = Managed.TryRecoverPublicKey(hash, rs, id, b);
                Assert.Equal(okN, okM);
                if (okN) { Assert.True(a.SequenceEqual(b), $"case {i} id {id}"); recovered++; }
            }
        }
        Assert.True(recovered > 150);
    }

    [Fact]
    public void RecoveryIdsTwoAndThreeWork()
    {
        // r = x - n for a point whose x exceeds n: construct by picking r small so r + n < p.
        Span<byte> hash = stackalloc byte[32], rs = stackalloc byte[64];
        Span<byte> a = stackalloc byte[64], b = stackalloc byte[64];
        var rng = new Random(3);
        int ok = 0;
        for (int i = 0; i < 100; i++)
        {
            rng.NextBytes(hash);
            rng.NextBytes(rs);
            rs[..16].Clear(); // r < 2^128 < p - n, so r + n is a field element
            for (int id = 2; id < 4; id++)
            {
                bool okN = Native.TryRecoverPublicKey(hash, rs, id, a);
                Assert.Equal(okN, Managed.TryRecoverPublicKey(hash, rs, id, b));
                if (okN) { Assert.True(a.SequenceEqual(b)); ok++; }
            }
        }
        Assert.True(ok > 25);
    }

    [Fact]
    public void NativeContextIsSafeToShareAcrossThreads()
    {
        byte[] key = Hex.FromHex("c85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4");
        var expected = new byte[64];
        Assert.True(Native.TryGetPublicKey(key, expected));
        int mismatches = 0;
        Parallel.For(0, 400, i =>
        {
            Span<byte> hash = stackalloc byte[32], rs = stackalloc byte[64], pub = stackalloc byte[64];
            hash.Fill((byte)i);
            hash[0] = (byte)(i >> 8);
            Native.Sign(hash, key, rs, out int recid);
            if (!Native.TryRecoverPublicKey(hash, rs, recid, pub) || !pub.SequenceEqual(expected))
                Interlocked.Increment(ref mismatches);
        });
        Assert.Equal(0, mismatches);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void InvalidSignaturesAreRejected(string backend)
    {
        ISecp256k1Backend b = Get(backend);
        byte[] key = Hex.FromHex("c85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4");
        byte[] hash = Keccak256.HashToArray([1, 2, 3]);
        var sig = new byte[64];
        b.Sign(hash, key, sig, out int recid);
        var pub = new byte[64];
        Assert.True(b.TryRecoverPublicKey(hash, sig, recid, pub));

        byte[] n = Secp256k1Curve.OrderBytes.ToArray();
        byte[] max = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        (string what, byte[] r, byte[] s)[] cases =
        [
            ("r = 0", new byte[32], sig[32..]),
            ("s = 0", sig[..32], new byte[32]),
            ("r = n", n, sig[32..]),
            ("s = n", sig[..32], n),
            ("r = 2^256-1", max, sig[32..]),
            ("s = 2^256-1", sig[..32], max),
        ];
        foreach (var (what, r, s) in cases)
            Assert.False(b.TryRecoverPublicKey(hash, [.. r, .. s], recid, pub), what);
        foreach (int id in new[] { -1, 4, 27, int.MaxValue })
            Assert.False(b.TryRecoverPublicKey(hash, sig, id, pub), $"recid {id}");

        // r = n - 1 with recovery id 2: r + n is not below p.
        byte[] nm1 = (byte[])n.Clone();
        nm1[31]--;
        Assert.False(b.TryRecoverPublicKey(hash, [.. nm1, .. sig[32..]], 2, pub));

        // x = 5: 5^3 + 7 = 132 is not a square mod p, so no point has it.
        byte[] r5 = new byte[32];
        r5[31] = 5;
        Assert.False(b.TryRecoverPublicKey(hash, [.. r5, .. sig[32..]], 0, pub));

        Assert.False(b.TryGetPublicKey(new byte[32], pub));
        Assert.False(b.TryGetPublicKey(n, pub));
        Assert.Throws<ArgumentException>(() => b.Sign(hash, n, sig, out _));
        Assert.Throws<ArgumentException>(() => b.Sign(hash, new byte[32], sig, out _));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void KeyAddressFixtures(string backend)
    {
        ISecp256k1Backend b = Get(backend);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Fixtures.Combine("ethereum-tests", "BasicTests", "keyaddrtest.json")));
        int count = 0;
        var pub = new byte[64];
        foreach (JsonElement c in doc.RootElement.EnumerateArray())
        {
            byte[] key = Hex.FromHex(c.GetProperty("key").GetString()!);
            Assert.True(b.TryGetPublicKey(key, pub));
            Assert.Equal(Address.Parse(c.GetProperty("addr").GetString()!), Address.FromPublicKey(pub));

            // sig_of_emptystring is not checked: its message hashing is undocumented and matches
            // neither keccak("") nor sha256("").
            count++;
        }
        output.WriteLine($"keyaddrtest ({backend}): {count} passed");
        Assert.True(count >= 2);
    }

    [Fact]
    public void FacadeUsesABackendAndDerivesAddresses()
    {
        Assert.Contains(Secp256k1.Backend, new[] { "native", "managed" });
        byte[] key = Hex.FromHex("c87f65ff3f271bf5dc8643484f66b200109caffe4bf98c4cb393dc35740b28c0");
        Address address = Secp256k1.GetAddress(key);
        Assert.Equal(Address.Parse("13978aee95f38490e9769c39b2773ed763d9cd5f"), address);
        byte[] hash = Keccak256.HashToArray("hello"u8);
        var sig = new byte[64];
        Secp256k1.Sign(hash, key, sig, out int recid);
        Assert.True(Secp256k1.TryRecoverAddress(hash, sig, recid, out Address recovered));
        Assert.Equal(address, recovered);
        Assert.False(Secp256k1.TryRecoverAddress(hash, new byte[64], recid, out _));
    }
}
