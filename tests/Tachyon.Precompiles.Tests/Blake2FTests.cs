using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Tests;

/// <summary>The test vectors of EIP-152.</summary>
public class Blake2FTests
{
    private const string Body =
        "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b" +
        "6162630000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "0300000000000000" + "0000000000000000";

    private readonly Blake2FPrecompile _f = new();

    [Theory]
    [InlineData("")]
    [InlineData("00000c" + Body + "01")] // 212 bytes
    [InlineData("000000000c" + Body + "01")] // 214 bytes
    [InlineData("0000000c" + Body + "02")] // bad final flag
    public void InvalidInputsFail(string hex)
    {
        Assert.False(_f.TryRun(Hex.FromHex(hex), out _));
    }

    [Theory]
    [InlineData("00000000" + Body + "01", "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b", 0)]
    [InlineData("0000000c" + Body + "01", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923", 12)]
    [InlineData("0000000c" + Body + "00", "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735", 12)]
    [InlineData("00000001" + Body + "01", "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421", 1)]
    public void Eip152Vectors(string input, string expected, long gas)
    {
        byte[] data = Hex.FromHex(input);
        Assert.Equal(213, data.Length);
        Assert.Equal(gas, _f.RequiredGas(data));
        Assert.True(_f.TryRun(data, out byte[] output));
        Assert.Equal("0x" + expected, Hex.ToHex(output));
    }

    /// <summary>Vector 8 (2^32 - 1 rounds) takes about a minute, so only its price is checked here.</summary>
    [Fact]
    public void MaxRoundsGas() => Assert.Equal(4294967295L, _f.RequiredGas(Hex.FromHex("ffffffff" + Body + "01")));
}
