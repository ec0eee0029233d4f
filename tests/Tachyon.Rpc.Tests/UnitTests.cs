using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;
using Tachyon.Rpc.Methods;

namespace Tachyon.Rpc.Tests;

public sealed class HexParserTests
{
    [Theory]
    [InlineData("0x0", 0UL)]
    [InlineData("0x1", 1UL)]
    [InlineData("0xff", 255UL)]
    [InlineData("0XFF", 255UL)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    public void Quantity_Valid(string s, ulong expected)
    {
        Assert.Null(HexParser.TryQuantity(s, out ulong v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("12", "without 0x")]
    [InlineData("0x00", "leading zero")]
    [InlineData("0x0g", "invalid hex")]
    [InlineData("0x10000000000000000", "> 64 bits")]
    public void Quantity_Invalid(string s, string reason) => Assert.Contains(reason, HexParser.TryQuantity(s, out ulong _));

    [Fact]
    public void Data_RequiresEvenLength()
    {
        Assert.Null(HexParser.TryData("0x", out byte[] empty));
        Assert.Empty(empty);
        Assert.Contains("odd", HexParser.TryData("0xabc", out _));
    }

    [Theory]
    [InlineData("\"0x0aFf\"", "0aff")]
    [InlineData("\"0X\"", "")]
    [InlineData("\"\\u0030x0aff\"", "0aff")] // escaped: read through the unescaped string
    public void Data_FromJson_DecodesTheRawText(string json, string hex)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(Convert.FromHexString(hex), JsonArgs.Data(doc.RootElement, "argument 0 (data)"));
    }

    [Theory]
    [InlineData("\"0aff\"", "without 0x prefix")]
    [InlineData("\"0x0af\"", "odd length")]
    [InlineData("\"0x0g\"", "invalid hex string")]
    [InlineData("\"0x 0\"", "invalid hex string")]
    [InlineData("\"\\u0030x0g\"", "invalid hex string")]
    [InlineData("17", "expected a string")]
    public void Data_FromJson_NamesTheArgumentAndReason(string json, string reason)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        RpcException e = Assert.Throws<RpcException>(() => JsonArgs.Data(doc.RootElement, "argument 0 (data)"));
        Assert.Equal(RpcErrorCodes.InvalidParams, e.Code);
        Assert.Contains("argument 0 (data)", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Formatting_IsMinimal()
    {
        Assert.Equal("0x0", RpcHex.Quantity(0));
        Assert.Equal("0x400", RpcHex.Quantity(1024));
        Assert.Equal("0xffffffffffffffff", RpcHex.Quantity(ulong.MaxValue));
        Span<byte> buffer = stackalloc byte[66];
        int n = RpcHex.WriteQuantity(UInt256.MaxValue, buffer);
        Assert.Equal("0x" + new string('f', 64), System.Text.Encoding.ASCII.GetString(buffer[..n]));
        n = RpcHex.WriteQuantity(new UInt256(0, 1), buffer);
        Assert.Equal("0x10000000000000000", System.Text.Encoding.ASCII.GetString(buffer[..n]));
    }

    [Fact]
    public void A_hash_result_is_written_as_its_hex_string()
    {
        var hash = new Hash256(Convert.FromHexString("00ff" + new string('a', 60)));
        Assert.Equal(Write(RpcResult.From(RpcHex.Data(hash.Bytes))), Write(RpcResult.From(hash)));
        Assert.Equal("\"0x00ff" + new string('a', 60) + "\"", Write(RpcResult.From(hash)));
        Assert.Equal("null", Write(RpcResult.Null));

        static string Write(RpcResult r)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer)) r.WriteTo(w);
            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    [Fact]
    public void Argument_errors_name_the_argument_every_time()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("[\"0x0g\", 5]");
        var p = new ParamReader(doc.RootElement);
        for (int i = 0; i < 2; i++) // the second read takes the path from the cache
        {
            Assert.Contains("invalid argument 0 (transaction)", Assert.Throws<RpcException>(() => p.Data(0, "transaction")).Message);
            Assert.Contains("invalid argument 1 (block)", Assert.Throws<RpcException>(() => p.Block(1)).Message);
        }
    }
}

public sealed class RevertReasonTests
{
    [Fact]
    public void DecodesErrorString() => Assert.Equal("execution reverted: not owner", RevertReason.Message(FakeBackend.ErrorString("not owner")));

    [Fact]
    public void DecodesPanic()
    {
        byte[] data = new byte[36];
        new byte[] { 0x4e, 0x48, 0x7b, 0x71 }.CopyTo(data, 0);
        data[35] = 0x11;
        Assert.Equal("execution reverted: panic: arithmetic underflow or overflow (0x11)", RevertReason.Message(data));
    }

    [Fact]
    public void UnknownOrTruncatedData_IsPlain()
    {
        Assert.Equal("execution reverted", RevertReason.Message([]));
        Assert.Equal("execution reverted", RevertReason.Message([0xde, 0xad, 0xbe, 0xef, 1]));
        Assert.Equal("execution reverted", RevertReason.Message(FakeBackend.ErrorString("abc")[..40]));
    }
}

public sealed class LogQueryTests
{
    private static readonly Address A = Address.Parse("0x00000000000000000000000000000000000000aa");
    private static readonly Hash256 T1 = Hash256.EmptyKeccak, T2 = Hash256.EmptyTrieRoot;

    [Fact]
    public void Matching_Semantics()
    {
        var log = new Log(A, [T1, T2], Array.Empty<byte>());
        Assert.True(new LogQuery(0, 0, [], []).Matches(log));
        Assert.True(new LogQuery(0, 0, [A], [null, [T2]]).Matches(log));
        Assert.True(new LogQuery(0, 0, [], [[T2, T1]]).Matches(log));
        Assert.False(new LogQuery(0, 0, [], [[T2]]).Matches(log));
        Assert.False(new LogQuery(0, 0, [Address.Zero], []).Matches(log));
        Assert.False(new LogQuery(0, 0, [], [null, null, [T1]]).Matches(log)); // third topic absent
        Assert.True(new LogQuery(0, 0, [], [null, null, null]).Matches(log));
        Assert.True(new LogQuery(0, 0, [A], [[T1]]).MayMatch(Bloom.FromLogs([log])));
        Assert.False(new LogQuery(0, 0, [Address.Zero], []).MayMatch(Bloom.FromLogs([log])));
    }
}
