using System.Numerics;
using System.Text;
using System.Text.Json;
using Tachyon.Core.Rlp;
using Tachyon.Core.Tests.Infrastructure;
using Tachyon.Core.Types;
using Xunit.Abstractions;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Tests.Rlp;

/// <summary>Every case of ethereum/tests RLPTests: encode the input, and decode strictly.</summary>
public class RlpFixtureTests(ITestOutputHelper output)
{
    [Fact]
    public void AllRlpFixtures()
    {
        string dir = Fixtures.Combine("ethereum-tests", "RLPTests");
        var known = Fixtures.KnownFailures("RLPTests");
        int passed = 0, failed = 0, knownFailed = 0;
        var failures = new List<string>();
        foreach (string file in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order())
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var test in doc.RootElement.EnumerateObject())
            {
                string id = $"{Path.GetFileName(file)}:{test.Name}";
                string? error = RunCase(test.Value);
                if (error == null) passed++;
                else if (known.ContainsKey(id)) knownFailed++;
                else { failed++; failures.Add($"{id}: {error}"); }
            }
        }
        output.WriteLine($"RLPTests: {passed} passed, {failed} failed, {knownFailed} known failures");
        Assert.True(passed > 50, "too few RLP cases found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? RunCase(JsonElement test)
    {
        byte[] outBytes;
        try { outBytes = Hex.FromHex(test.GetProperty("out").GetString()!); }
        catch (FormatException) { return "fixture has invalid hex"; }
        JsonElement input = test.GetProperty("in");
        if (input.ValueKind == JsonValueKind.String && input.GetString() == "INVALID")
        {
            try
            {
                DecodeAll(outBytes);
                return "decoding accepted invalid RLP";
            }
            catch (RlpException) { return null; }
        }
        object decoded;
        try { decoded = DecodeAll(outBytes); }
        catch (RlpException e) { return "decode failed: " + e.Message; }
        if (!ReEncode(decoded).AsSpan().SequenceEqual(outBytes)) return "decode/re-encode mismatch";
        if (input.ValueKind == JsonValueKind.String && input.GetString() == "VALID") return null;
        byte[] encoded = Encode(input);
        return encoded.AsSpan().SequenceEqual(outBytes) ? null : $"encoded {Hex.ToHex(encoded)}";
    }

    private static object DecodeAll(byte[] data)
    {
        var reader = new RlpReader(data);
        object item = Decode(ref reader);
        reader.EnsureEnd();
        return item;
    }

    private static object Decode(ref RlpReader reader)
    {
        if (!reader.PeekIsList) return reader.ReadBytes().ToArray();
        var inner = reader.ReadList();
        var items = new List<object>();
        while (inner.HasMore) items.Add(Decode(ref inner));
        return items;
    }

    private static byte[] ReEncode(object item)
    {
        if (item is byte[] b) return RlpCodec.Encode(b);
        var parts = ((List<object>)item).Select(ReEncode).SelectMany(x => x).ToArray();
        return RlpCodec.EncodeList(parts);
    }

    private static byte[] Encode(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                return RlpCodec.EncodeList(e.EnumerateArray().Select(Encode).SelectMany(x => x).ToArray());
            case JsonValueKind.Number:
                return RlpCodec.Encode(e.GetUInt64());
            case JsonValueKind.String:
                string s = e.GetString()!;
                if (s.StartsWith('#'))
                {
                    var big = BigInteger.Parse(s[1..]);
                    return RlpCodec.Encode(big.IsZero ? [] : big.ToByteArray(isUnsigned: true, isBigEndian: true));
                }
                // Fixture strings are byte strings given as Latin-1 text.
                return RlpCodec.Encode(Encoding.Latin1.GetBytes(s));
            default:
                throw new InvalidOperationException("unexpected fixture value " + e.ValueKind);
        }
    }
}
