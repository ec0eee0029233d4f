using System.Numerics;
using Tachyon.Core.Numerics;
using static Tachyon.Core.Tests.Numerics.U256;

namespace Tachyon.Core.Tests.Numerics;

public class UInt256ComparisonTests
{
    [Fact]
    public void UnsignedComparisons_MatchBigInteger()
    {
        foreach (var (a, b) in Pairs(30))
        {
            BigInteger x = Big(a), y = Big(b);
            string ctx = $"{Hex(a)} vs {Hex(b)}";
            Assert.True(UInt256.LessThan(in a, in b) == x < y, "LT " + ctx);
            Assert.True(UInt256.GreaterThan(in a, in b) == x > y, "GT " + ctx);
            Assert.True(UInt256.Compare(in a, in b) == x.CompareTo(y), "Compare " + ctx);
            Assert.True(a.CompareTo(b) == x.CompareTo(y), "CompareTo " + ctx);
            Assert.True((a < b) == x < y && (a > b) == x > y && (a <= b) == x <= y && (a >= b) == x >= y, "operators " + ctx);
            Assert.True((a == b) == (x == y) && (a != b) == (x != y) && a.Equals(b) == (x == y), "equality " + ctx);
            Assert.True(a.Equals((object)b) == (x == y), "Equals(object) " + ctx);
            if (x == y) Assert.True(a.GetHashCode() == b.GetHashCode(), "hash " + ctx);
        }
    }

    [Fact]
    public void SignedComparisons_MatchTwosComplement()
    {
        foreach (var (a, b) in Pairs(31))
        {
            BigInteger x = Signed(a), y = Signed(b);
            string ctx = $"{Hex(a)} vs {Hex(b)}";
            Assert.True(UInt256.SignedLessThan(in a, in b) == x < y, "SLT " + ctx);
            Assert.True(UInt256.SignedGreaterThan(in a, in b) == x > y, "SGT " + ctx);
        }
    }

    [Fact]
    public void Properties_MatchBigInteger()
    {
        foreach (UInt256 a in Singles(32))
        {
            BigInteger x = Big(a);
            string ctx = Hex(a);
            Assert.True(a.IsZero == x.IsZero, "IsZero " + ctx);
            Assert.True(a.IsNegative == x >= TwoPow255, "IsNegative " + ctx);
            Assert.True(a.BitLength == (int)x.GetBitLength(), "BitLength " + ctx);
            Assert.True(a.IsUInt64 == x <= ulong.MaxValue, "IsUInt64 " + ctx);
            Assert.True(a.TryGetUInt64(out ulong u) == x <= ulong.MaxValue && (x > ulong.MaxValue || u == (ulong)x), "TryGetUInt64 " + ctx);
            Assert.True(a.FitsInInt32 == x <= int.MaxValue, "FitsInInt32 " + ctx);
            bool fits = a.TryGetInt32(out int i);
            Assert.True(fits == x <= int.MaxValue && (!fits || i == (int)x) && (fits || i == 0), "TryGetInt32 " + ctx);
        }
    }

    [Fact]
    public void CompareToObject()
    {
        UInt256 five = 5;
        Assert.Equal(1, five.CompareTo(null));
        Assert.Equal(0, five.CompareTo((object)new UInt256(5)));
        Assert.Throws<ArgumentException>(() => five.CompareTo((object)5));
        Assert.False(five.Equals((object)5UL));
    }

    [Fact]
    public void Sorts()
    {
        var values = Singles(33, 1000).ToList();
        var sorted = values.OrderBy(v => v).Select(v => Big(v)).ToList();
        Assert.Equal(values.Select(v => Big(v)).Order().ToList(), sorted);
    }
}
