using System.Numerics;
using Tachyon.Core.Numerics;
using static Tachyon.Core.Tests.Numerics.U256;

namespace Tachyon.Core.Tests.Numerics;

public class UInt256ArithmeticTests
{
    [Fact]
    public void Add_MatchesBigInteger()
    {
        foreach (var (a, b) in Pairs(1))
        {
            BigInteger sum = Big(a) + Big(b);
            string ctx = $"{Hex(a)} + {Hex(b)}";
            UInt256.Add(in a, in b, out UInt256 r);
            Equal(sum & Mask, r, ctx);
            bool overflow = UInt256.AddOverflow(in a, in b, out UInt256 r2);
            Equal(sum & Mask, r2, ctx);
            Assert.True(overflow == sum >= TwoPow256, ctx);
            Equal(sum & Mask, a + b, ctx);
        }
    }

    [Fact]
    public void Subtract_MatchesBigInteger()
    {
        foreach (var (a, b) in Pairs(2))
        {
            BigInteger diff = Big(a) - Big(b);
            string ctx = $"{Hex(a)} - {Hex(b)}";
            UInt256.Subtract(in a, in b, out UInt256 r);
            Equal(diff & Mask, r, ctx);
            bool underflow = UInt256.SubtractUnderflow(in a, in b, out UInt256 r2);
            Equal(diff & Mask, r2, ctx);
            Assert.True(underflow == diff.Sign < 0, ctx);
            Equal(diff & Mask, a - b, ctx);
        }
    }

    [Fact]
    public void Multiply_MatchesBigInteger()
    {
        foreach (var (a, b) in Pairs(3))
        {
            BigInteger product = Big(a) * Big(b);
            string ctx = $"{Hex(a)} * {Hex(b)}";
            UInt256.Multiply(in a, in b, out UInt256 r);
            Equal(product & Mask, r, ctx);
            bool overflow = UInt256.MultiplyOverflow(in a, in b, out UInt256 r2);
            Equal(product & Mask, r2, ctx);
            Assert.True(overflow == product >= TwoPow256, ctx);
            Equal(product & Mask, a * b, ctx);
        }
    }

    [Fact]
    public void Square_MatchesMultiply()
    {
        foreach (UInt256 a in Singles(4))
        {
            UInt256.Square(in a, out UInt256 r);
            Equal(Big(a) * Big(a) & Mask, r, $"{Hex(a)}^2");
        }
    }

    [Fact]
    public void Negate_IsTwosComplement()
    {
        foreach (UInt256 a in Singles(5))
        {
            UInt256.Negate(in a, out UInt256 r);
            Equal((TwoPow256 - Big(a)) & Mask, r, $"-{Hex(a)}");
        }
    }

    [Fact]
    public void Results_MayAliasInputs()
    {
        var rng = new Random(6);
        for (int i = 0; i < 2000; i++)
        {
            UInt256 a = Next(rng), b = Next(rng), m = Next(rng);
            UInt256 x;

            x = a; UInt256.Add(in x, in b, out x); Assert.Equal(a + b, x);
            x = b; UInt256.Add(in a, in x, out x); Assert.Equal(a + b, x);
            x = a; UInt256.Subtract(in x, in b, out x); Assert.Equal(a - b, x);
            x = b; UInt256.Subtract(in a, in x, out x); Assert.Equal(a - b, x);
            x = a; UInt256.Multiply(in x, in x, out x); Assert.Equal(a * a, x);
            x = b; UInt256.Multiply(in a, in x, out x); Assert.Equal(a * b, x);
            x = a; UInt256.Divide(in x, in b, out x); Assert.Equal(a / b, x);
            x = b; UInt256.Mod(in a, in x, out x); Assert.Equal(a % b, x);
            x = a; UInt256.DivRem(in x, in b, out x, out UInt256 rem); Assert.Equal(a / b, x); Assert.Equal(a % b, rem);
            x = b; UInt256.DivRem(in a, in x, out UInt256 quo, out x); Assert.Equal(a / b, quo); Assert.Equal(a % b, x);

            UInt256.MulMod(in a, in b, in m, out UInt256 mm);
            x = m; UInt256.MulMod(in a, in b, in x, out x); Assert.Equal(mm, x);
            x = a; UInt256.MulMod(in x, in b, in m, out x); Assert.Equal(mm, x);
            UInt256.AddMod(in a, in b, in m, out UInt256 am);
            x = m; UInt256.AddMod(in a, in b, in x, out x); Assert.Equal(am, x);
            x = b; UInt256.AddMod(in a, in x, in m, out x); Assert.Equal(am, x);

            UInt256.SignedDivide(in a, in b, out UInt256 sd);
            x = a; UInt256.SignedDivide(in x, in b, out x); Assert.Equal(sd, x);
            UInt256.SignedMod(in a, in b, out UInt256 sm);
            x = b; UInt256.SignedMod(in a, in x, out x); Assert.Equal(sm, x);

            UInt256 e = new(b.U0 & 0x3FF);
            UInt256.Exp(in a, in e, out UInt256 ex);
            x = a; UInt256.Exp(in x, in e, out x); Assert.Equal(ex, x);
            x = e; UInt256.Exp(in a, in x, out x); Assert.Equal(ex, x);

            UInt256.Negate(in a, out UInt256 neg);
            x = a; UInt256.Negate(in x, out x); Assert.Equal(neg, x);
        }
    }
}
