using System.Security.Cryptography;
using System.Text;

namespace Tachyon.Core.Crypto.Hd;

/// <summary>
/// BIP-39 mnemonics: validation against the English wordlist (words and checksum) and the
/// PBKDF2-HMAC-SHA512 seed that BIP-32 derivation starts from.
/// </summary>
public static class Bip39
{
    private static readonly Lazy<(string[] Words, Dictionary<string, int> Index)> English = new(LoadEnglish);

    /// <summary>Normalises whitespace; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static string Validate(string mnemonic)
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        string[] words = mnemonic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is not (12 or 15 or 18 or 21 or 24))
            throw new FormatException($"a mnemonic has 12, 15, 18, 21 or 24 words, not {words.Length}");
        var index = English.Value.Index;
        int totalBits = words.Length * 11;
        Span<byte> bits = stackalloc byte[(totalBits + 7) / 8];
        bits.Clear();
        for (int w = 0; w < words.Length; w++)
        {
            if (!index.TryGetValue(words[w], out int value))
                throw new FormatException($"word {w + 1} ('{words[w]}') is not in the BIP-39 English wordlist");
            for (int b = 0; b < 11; b++)
                if ((value >> (10 - b) & 1) != 0) SetBit(bits, w * 11 + b);
        }
        int checksumBits = totalBits / 33;
        int entropyBytes = (totalBits - checksumBits) / 8;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bits[..entropyBytes], hash);
        for (int b = 0; b < checksumBits; b++)
            if (GetBit(hash, b) != GetBit(bits, entropyBytes * 8 + b))
                throw new FormatException("the mnemonic's checksum does not match (a word is wrong or out of order)");
        return string.Join(' ', words);
    }

    /// <summary>The 64-byte seed of a validated mnemonic (BIP-39: 2048 rounds, salt "mnemonic" + passphrase, NFKD).</summary>
    public static byte[] ToSeed(string mnemonic, string passphrase = "")
    {
        string normalized = Validate(mnemonic);
        byte[] password = Encoding.UTF8.GetBytes(Nfkd(normalized));
        byte[] salt = Encoding.UTF8.GetBytes("mnemonic" + Nfkd(passphrase));
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, 2048, HashAlgorithmName.SHA512, 64);
    }

    private static string Nfkd(string s)
    {
        foreach (char c in s)
            if (c > 0x7f) return s.Normalize(NormalizationForm.FormKD);
        return s; // ASCII is already NFKD
    }

    private static void SetBit(Span<byte> bits, int i) => bits[i >> 3] |= (byte)(0x80 >> (i & 7));
    private static int GetBit(ReadOnlySpan<byte> bits, int i) => bits[i >> 3] >> (7 - (i & 7)) & 1;

    private static (string[], Dictionary<string, int>) LoadEnglish()
    {
        using Stream stream = typeof(Bip39).Assembly.GetManifestResourceStream("Tachyon.Core.Crypto.Hd.bip39-english.txt")
            ?? throw new InvalidOperationException("the BIP-39 English wordlist resource is missing");
        using var reader = new StreamReader(stream);
        string[] words = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 2048) throw new InvalidOperationException($"the BIP-39 wordlist has {words.Length} words, not 2048");
        var index = new Dictionary<string, int>(2048, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++) index[words[i]] = i;
        return (words, index);
    }
}
