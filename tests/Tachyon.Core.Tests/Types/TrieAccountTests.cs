using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Types;

public class TrieAccountTests
{
    [Fact]
    public void EmptyAccountEncoding()
    {
        byte[] encoded = TrieAccount.Empty.Encode();
        string expected = "0xf8448080a0" + "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
            + "a0" + "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";
        Assert.Equal(expected, Hex.ToHex(encoded));
        Assert.True(TrieAccount.Empty.IsEmpty);
    }

    [Fact]
    public void RoundTripsLargeValues()
    {
        var account = new TrieAccount(ulong.MaxValue, UInt256.MaxValue, Hash256.EmptyListHash, Hash256.Parse("0x" + new string('1', 64)));
        byte[] encoded = account.Encode();
        Assert.Equal(account.RlpLength, encoded.Length);
        Assert.Equal(account, TrieAccount.Decode(encoded));
        Assert.False(account.IsEmpty);
    }

    [Theory]
    [InlineData("0xc0")]
    [InlineData("0xc48080a000")] // short hash
    [InlineData("0xf84500" + "80a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")] // non-canonical nonce 0x00
    public void RejectsMalformed(string hex) => Assert.Throws<RlpException>(() => TrieAccount.Decode(Hex.FromHex(hex)));

    [Fact]
    public void RejectsLeadingZeroBalanceAndTrailingBytes()
    {
        byte[] good = new TrieAccount(1, 256UL, Hash256.EmptyTrieRoot, Hash256.EmptyKeccak).Encode();
        Assert.Throws<RlpException>(() => TrieAccount.Decode([.. good, 0x80]));
        // balance 0x820100 -> 0x83000100 (leading zero), list length + 1
        byte[] bad = [good[0], (byte)(good[1] + 1), 0x01, 0x83, 0x00, 0x01, 0x00, .. good[6..]];
        Assert.Throws<RlpException>(() => TrieAccount.Decode(bad));
    }
}
