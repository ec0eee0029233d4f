using System.Buffers.Binary;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Load.Chain;

/// <summary>A key the tools sign with, its address, and the next nonce to use.</summary>
public sealed class LoadAccount
{
    public byte[] Key { get; }
    public Address Address { get; }
    public ulong Nonce { get; set; }

    public LoadAccount(byte[] key)
    {
        Key = key;
        Address = Secp256k1.GetAddress(key);
    }

    /// <summary>Dev account #0 of the standard test mnemonic ("test test ... junk"), as Hardhat, anvil and `tachyon --dev` fund it.</summary>
    public static readonly byte[] DevKey0 = Hex.FromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    /// <summary>Dev account #1 of the same mnemonic.</summary>
    public static readonly Address DevAddress1 = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    /// <summary>
    /// <paramref name="count"/> fresh keys: keccak(seed ‖ index). A new seed per run gives accounts no
    /// earlier run has used, so a run never meets leftover nonces or balances.
    /// </summary>
    public static LoadAccount[] Derive(ulong seed, int count)
    {
        var accounts = new LoadAccount[count];
        Parallel.For(0, count, i =>
        {
            Span<byte> input = stackalloc byte[16];
            BinaryPrimitives.WriteUInt64BigEndian(input, seed);
            BinaryPrimitives.WriteUInt64BigEndian(input[8..], (ulong)i);
            byte[] key = Keccak256.Compute(input).ToArray();
            key[0] &= 0x7f; // below the curve order (a zero key has probability 2^-255)
            accounts[i] = new LoadAccount(key);
        });
        return accounts;
    }
}
