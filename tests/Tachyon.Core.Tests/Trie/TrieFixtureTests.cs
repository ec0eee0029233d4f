using System.Text;
using System.Text.Json;
using Tachyon.Core.Tests.Infrastructure;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using Xunit.Abstractions;

namespace Tachyon.Core.Tests.Trie;

/// <summary>Every case of ethereum/tests TrieTests, plain and secure, ordered and any-order, and next/prev.</summary>
public class TrieFixtureTests(ITestOutputHelper output)
{
    private static readonly string[] RootFiles =
    [
        "trietest.json", "trieanyorder.json", "trietest_secureTrie.json",
        "trieanyorder_secureTrie.json", "hex_encoded_securetrie_test.json",
    ];

    [Fact]
    public void AllTrieFixtures()
    {
        string dir = Fixtures.Combine("ethereum-tests", "TrieTests");
        var known = Fixtures.KnownFailures("TrieTests");
        int passed = 0, failed = 0, knownFailed = 0;
        var failures = new List<string>();
        var seen = new HashSet<string>();

        void Record(string id, string? error)
        {
            if (error == null) passed++;
            else if (known.ContainsKey(id)) knownFailed++;
            else { failed++; failures.Add($"{id}: {error}"); }
        }

        foreach (string file in RootFiles)
        {
            seen.Add(file);
            bool secure = file.Contains("secure", StringComparison.OrdinalIgnoreCase);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, file)));
            foreach (var test in doc.RootElement.EnumerateObject())
                Record($"{file}:{test.Name}", RunRootCase(test.Value, secure));
        }

        seen.Add("trietestnextprev.json");
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "trietestnextprev.json"))))
        {
            foreach (var test in doc.RootElement.EnumerateObject())
                Record($"trietestnextprev.json:{test.Name}", RunNextPrevCase(test.Value));
        }

        output.WriteLine($"TrieTests: {passed} passed, {failed} failed, {knownFailed} known failures");
        var unknownFiles = Directory.EnumerateFiles(dir, "*.json").Select(Path.GetFileName).Where(f => !seen.Contains(f!)).ToList();
        Assert.True(unknownFiles.Count == 0, "fixture files not run: " + string.Join(", ", unknownFiles));
        Assert.True(passed >= 20, "too few trie cases found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? RunRootCase(JsonElement test, bool secure)
    {
        var ops = ReadOps(test.GetProperty("in"));
        var expected = Hash256.Parse(test.GetProperty("root").GetString()!);
        bool anyOrder = test.GetProperty("in").ValueKind == JsonValueKind.Object;

        string? error = Check(ops, expected, secure, "given order");
        if (error != null || !anyOrder) return error;
        var random = new Random(7);
        for (int round = 0; round < 8 && error == null; round++)
        {
            var shuffled = ops.ToArray();
            random.Shuffle(shuffled);
            error = Check(shuffled, expected, secure, $"shuffle {round}");
        }
        return error;
    }

    private static string? Check(IReadOnlyList<(byte[] Key, byte[]? Value)> ops, Hash256 expected, bool secure, string label)
    {
        var trie = new PatriciaTrie();
        var final = new Dictionary<string, byte[]>();
        foreach (var (key, value) in ops)
        {
            byte[] path = secure ? Core.Crypto.Keccak256.HashToArray(key) : key;
            if (value is null) trie.Delete(path);
            else trie.Set(path, value);
            if (value is null || value.Length == 0) final.Remove(Hex.ToHex(path));
            else final[Hex.ToHex(path)] = value;
        }
        if (trie.RootHash != expected) return $"{label}: root {trie.RootHash}, expected {expected}";

        if (secure)
        {
            var secureTrie = new SecureTrie();
            foreach (var (key, value) in ops)
            {
                if (value is null) secureTrie.Delete(key);
                else secureTrie.Set(key, value);
            }
            if (secureTrie.RootHash != expected) return $"{label}: SecureTrie root {secureTrie.RootHash}";
        }

        // Every final entry is readable and provable against the root.
        foreach (var (hexKey, value) in final)
        {
            byte[] key = Hex.FromHex(hexKey);
            if (!trie.Get(key).AsSpan().SequenceEqual(value)) return $"{label}: Get({hexKey}) wrong";
            if (!ProofVerifier.TryVerify(expected, key, trie.GetProof(key), out byte[]? proven) || !proven.AsSpan().SequenceEqual(value))
                return $"{label}: proof for {hexKey} failed";
        }
        return null;
    }

    private static string? RunNextPrevCase(JsonElement test)
    {
        var trie = new PatriciaTrie();
        foreach (var k in test.GetProperty("in").EnumerateArray())
        {
            byte[] key = ParseBytes(k.GetString()!);
            trie.Set(key, key);
        }
        foreach (var row in test.GetProperty("tests").EnumerateArray())
        {
            var items = row.EnumerateArray().Select(e => e.GetString()!).ToArray();
            byte[] key = ParseBytes(items[0]);
            string prev = trie.TryGetPreviousKey(key, out byte[]? p) ? Encoding.Latin1.GetString(p) : "";
            string next = trie.TryGetNextKey(key, out byte[]? n) ? Encoding.Latin1.GetString(n) : "";
            if (prev != items[1] || next != items[2])
                return $"'{items[0]}': got prev '{prev}' next '{next}', expected '{items[1]}' '{items[2]}'";
        }
        return null;
    }

    /// <summary>"in" is either a list of [key, value] applied in order, or an object (any order). Null deletes.</summary>
    private static List<(byte[] Key, byte[]? Value)> ReadOps(JsonElement input)
    {
        var ops = new List<(byte[], byte[]?)>();
        if (input.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in input.EnumerateArray())
                ops.Add((ParseBytes(pair[0].GetString()!), ParseValue(pair[1])));
        }
        else
        {
            foreach (var prop in input.EnumerateObject())
                ops.Add((ParseBytes(prop.Name), ParseValue(prop.Value)));
        }
        return ops;
    }

    private static byte[]? ParseValue(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : ParseBytes(e.GetString()!);

    // Fixture strings are hex when "0x"-prefixed, otherwise the string's own bytes.
    private static byte[] ParseBytes(string s) =>
        s.StartsWith("0x", StringComparison.Ordinal) ? Hex.FromHex(s) : Encoding.Latin1.GetBytes(s);
}
