using System.Buffers.Binary;
using System.Security.Cryptography;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Crypto.Hd;

/// <summary>A BIP-32 extended private key: the 32-byte key and its chain code.</summary>
public readonly record struct ExtendedKey(byte[] PrivateKey, byte[] ChainCode);

/// <summary>
/// BIP-32 private derivation (hardened and normal children) and the BIP-44 Ethereum path
/// m/44'/60'/0'/0/i that Hardhat, anvil and wallets use for mnemonic accounts.
/// </summary>
public static class HdWallet
{
    public const uint Hardened = 0x8000_0000;
    public const string DefaultEthereumPathPrefix = "m/44'/60'/0'/0";

    public static ExtendedKey Master(ReadOnlySpan<byte> seed)
    {
        Span<byte> i = stackalloc byte[64];
        HMACSHA512.HashData("Bitcoin seed"u8, seed, i);
        var key = UInt256.FromBigEndian(i[..32]);
        if (!Secp256k1Curve.IsValidScalar(key)) throw new CryptographicException("the seed gives an invalid master key; use another seed");
        return new ExtendedKey(i[..32].ToArray(), i[32..].ToArray());
    }

    /// <summary>Child <paramref name="index"/> (add <see cref="Hardened"/> for a hardened child).</summary>
    public static ExtendedKey Derive(in ExtendedKey parent, uint index)
    {
        Span<byte> data = stackalloc byte[37];
        if (index >= Hardened)
        {
            data[0] = 0;
            parent.PrivateKey.CopyTo(data[1..33]);
        }
        else
        {
            Span<byte> pub = stackalloc byte[64];
            if (!Secp256k1.TryGetPublicKey(parent.PrivateKey, pub)) throw new CryptographicException("invalid parent key");
            data[0] = (byte)(2 | (pub[63] & 1)); // compressed point: parity of y
            pub[..32].CopyTo(data[1..33]);
        }
        BinaryPrimitives.WriteUInt32BigEndian(data[33..], index);
        Span<byte> i = stackalloc byte[64];
        HMACSHA512.HashData(parent.ChainCode, data, i);
        var tweak = UInt256.FromBigEndian(i[..32]);
        // BIP-32: IL >= n or a zero child key makes this index invalid (probability ~2^-127).
        if (tweak >= Secp256k1Curve.Order) throw new CryptographicException($"child {index} is invalid; use the next index");
        UInt256.AddMod(tweak, UInt256.FromBigEndian(parent.PrivateKey), Secp256k1Curve.Order, out UInt256 child);
        if (child.IsZero) throw new CryptographicException($"child {index} is invalid; use the next index");
        var key = new byte[32];
        child.WriteBigEndian(key);
        return new ExtendedKey(key, i[32..].ToArray());
    }

    /// <summary>Derives a path such as m/44'/60'/0'/0/3 (' or h marks a hardened step).</summary>
    public static ExtendedKey DerivePath(ReadOnlySpan<byte> seed, string path)
    {
        string[] parts = path.Split('/');
        if (parts.Length == 0 || parts[0] != "m") throw new FormatException($"derivation path '{path}' must start with m");
        ExtendedKey key = Master(seed);
        for (int p = 1; p < parts.Length; p++)
        {
            string part = parts[p];
            bool hardened = part.EndsWith('\'') || part.EndsWith('h') || part.EndsWith('H');
            if (hardened) part = part[..^1];
            if (!uint.TryParse(part, System.Globalization.NumberStyles.None, null, out uint index) || index >= Hardened)
                throw new FormatException($"derivation path '{path}': step '{parts[p]}' is not an index below 2^31");
            key = Derive(key, hardened ? index | Hardened : index);
        }
        return key;
    }

    /// <summary>The private keys of accounts 0..count-1 under m/44'/60'/0'/0 for a mnemonic.</summary>
    public static IReadOnlyList<(Address Address, byte[] PrivateKey)> EthereumAccounts(string mnemonic, int count, string passphrase = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        byte[] seed = Bip39.ToSeed(mnemonic, passphrase);
        ExtendedKey parent = DerivePath(seed, DefaultEthereumPathPrefix);
        var accounts = new (Address, byte[])[count];
        for (int i = 0; i < count; i++)
        {
            byte[] key = Derive(parent, (uint)i).PrivateKey;
            accounts[i] = (Secp256k1.GetAddress(key), key);
        }
        return accounts;
    }
}
