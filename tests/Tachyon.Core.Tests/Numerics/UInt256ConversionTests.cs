using System.Numerics;
using Tachyon.Core.Numerics;
using static Tachyon.Core.Tests.Numerics.U256;

namespace Tachyon.Core.Tests.Numerics;

public class UInt256ConversionTests
{
    [Fact]
    public void BigInteger_RoundTrips()
    {
        foreach (UInt256 a in Singles(50))
        {
            BigInteger x = (BigInteger)a;
            Assert.Equal(Big(a), x);
            Assert.Equal(a, UInt256.FromBigInteger(x));
            Assert.Equal(a, (UInt256)x);
        }
    }

    [Fact]
    public void FromBigInteger_RejectsOutOfRange()
    {
        Assert.Throws<OverflowException>(() => UInt256.FromBigInteger(BigInteger.MinusOne));
        Assert.Throws<OverflowException>(() => UInt256.FromBigInteger(-TwoPow256));
        Assert.Throws<OverflowException>(() => UInt256.FromBigInteger(TwoPow256));
        Assert.Throws<OverflowException>(() => UInt256.FromBigInteger(TwoPow256 * 12345));
        Assert.Equal(UInt256.MaxValue, UInt256.FromBigInteger(TwoPow256 - 1));
        Assert.Equal(UInt256.Zero, UInt256.FromBigInteger(BigInteger.Zero));
        Assert.Equal(new UInt256(0, 0, 0, 1UL << 63), UInt256.FromBigInteger(TwoPow255));
    }

    [Fact]
    public void BigEndian_RoundTrips()
    {
        Span<byte> min = stackalloc byte[32];
        foreach (UInt256 a in Singles(51, 2000))
        {
            byte[] be = a.ToBigEndian();
            Assert.Equal(Big(a), new BigInteger(be, isUnsigned: true, isBigEndian: true));
            Assert.Equal(a, UInt256.FromBigEndian(be));
            int len = a.WriteBigEndianMinimal(min);
            Assert.Equal(a, UInt256.FromBigEndian(min[..len]));
        }
    }
}
