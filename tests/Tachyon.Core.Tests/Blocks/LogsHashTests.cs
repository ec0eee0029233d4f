using Tachyon.Core.Blocks;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Blocks;

public class LogsHashTests
{
    [Fact]
    public void EmptyListIsKeccakOfC0()
    {
        Assert.Equal("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", LogsHash.Compute([]).ToString());
        Assert.Equal(Keccak256.Compute([0xC0]), LogsHash.Compute([]));
    }

    [Fact]
    public void OneLogHashesItsListEncoding()
    {
        var log = new Log(Address.Parse("0x00000000000000000000000000000000000000ff"), [Hash256.Zero], new byte[] { 0xAB });
        byte[] expectedRlp = Hex.FromHex(
            "0xf83b" + "f839" + "94" + "00000000000000000000000000000000000000ff"
            + "e1" + "a0" + new string('0', 64) + "81ab");
        Assert.Equal(expectedRlp[2..], log.Encode());
        Assert.Equal(Keccak256.Compute(expectedRlp), LogsHash.Compute([log]));
    }

    [Fact]
    public void LogRoundTripsAndComparesByValue()
    {
        var log = new Log(Address.Parse("0x1111111111111111111111111111111111111111"),
            [Hash256.EmptyKeccak, Hash256.EmptyTrieRoot, Hash256.Zero, Hash256.EmptyListHash], new byte[100]);
        Log decoded = Log.Decode(log.Encode());
        Assert.Equal(log, decoded);
        Assert.NotEqual(log, new Log(log.Address, log.Topics, new byte[99]));
    }
}
