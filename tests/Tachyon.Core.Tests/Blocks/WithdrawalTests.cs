using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Blocks;

public class WithdrawalTests
{
    [Fact]
    public void EncodesAndRoundTrips()
    {
        var w = new Withdrawal(0, 65535, Address.Parse("0x00000000000000000000000000000000000000aa"), 32_000_000_000);
        byte[] encoded = w.Encode();
        byte[] expected = Hex.FromHex("0xdf" + "80" + "82ffff" + "94" + "00000000000000000000000000000000000000aa" + "85" + "0773594000");
        Assert.Equal(expected, encoded);
        Assert.Equal(w, Withdrawal.Decode(encoded));
    }

    [Fact]
    public void AmountWeiDoesNotOverflow()
    {
        var w = new Withdrawal(1, 2, Address.Zero, ulong.MaxValue);
        UInt128 expected = (UInt128)ulong.MaxValue * 1_000_000_000;
        Assert.Equal(new UInt256((ulong)expected, (ulong)(expected >> 64)), w.AmountWei);
        // 32 ETH = 3.2e19 wei, just past 64 bits.
        Assert.Equal(new UInt256(0xBC16D674EC800000, 1), new Withdrawal(0, 0, Address.Zero, 32_000_000_000).AmountWei);
    }

    [Theory]
    [InlineData("0xc0")]
    [InlineData("0xc480808080")] // address not 20 bytes
    [InlineData("0xd8808094000000000000000000000000000000000000000000")] // missing amount
    public void RejectsMalformed(string hex) => Assert.Throws<RlpException>(() => Withdrawal.Decode(Hex.FromHex(hex)));
}
