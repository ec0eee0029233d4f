using Tachyon.Core.Numerics;

namespace Tachyon.Core.Tests.Numerics;

public class UInt256AllocationTests
{
    [Fact]
    public void Operations_DoNotAllocate()
    {
        var rng = new Random(70);
        var values = new UInt256[64];
        for (int i = 0; i < values.Length; i++) values[i] = U256.Next(rng);
        values[0] = UInt256.Zero;
        values[1] = UInt256.MaxValue;

        RunAll(values, 3); // warm up: JIT, static initialization
        long before = GC.GetAllocatedBytesForCurrentThread();
        ulong sink = RunAll(values, 20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"the operations allocated {allocated} bytes (checksum {sink})");
    }

    private static ulong RunAll(UInt256[] v, int rounds)
    {
        ulong sink = 0;
        Span<char> text = stackalloc char[100];
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < v.Length; i++)
            {
                ref readonly UInt256 a = ref v[i];
                ref readonly UInt256 b = ref v[(i * 7 + round) % v.Length];
                ref readonly UInt256 m = ref v[(i * 13 + 5) % v.Length];
                UInt256 r;
                UInt256.Add(in a, in b, out r); sink ^= r.U0;
                sink ^= UInt256.AddOverflow(in a, in b, out r) ? 1UL : 0;
                UInt256.Subtract(in a, in b, out r); sink ^= r.U1;
                sink ^= UInt256.SubtractUnderflow(in a, in b, out r) ? 1UL : 0;
                UInt256.Multiply(in a, in b, out r); sink ^= r.U2;
                sink ^= UInt256.MultiplyOverflow(in a, in b, out r) ? 1UL : 0;
                UInt256.Divide(in a, in b, out r); sink ^= r.U0;
                UInt256.Mod(in a, in b, out r); sink ^= r.U0;
                UInt256.DivRem(in a, in b, out r, out UInt256 r2); sink ^= r.U0 ^ r2.U1;
                UInt256.SignedDivide(in a, in b, out r); sink ^= r.U0;
                UInt256.SignedMod(in a, in b, out r); sink ^= r.U0;
                UInt256.AddMod(in a, in b, in m, out r); sink ^= r.U0;
                UInt256.MulMod(in a, in b, in m, out r); sink ^= r.U0;
                UInt256.Exp(in a, in b, out r); sink ^= r.U3;
                UInt256.SignExtend(in b, in a, out r); sink ^= r.U3;
                UInt256.And(in a, in b, out r); sink ^= r.U0;
                UInt256.Or(in a, in b, out r); sink ^= r.U0;
                UInt256.Xor(in a, in b, out r); sink ^= r.U0;
                UInt256.Not(in a, out r); sink ^= r.U0;
                UInt256.Byte(in b, in a, out r); sink ^= r.U0;
                UInt256.ShiftLeft(in a, (int)(b.U0 & 511), out r); sink ^= r.U1;
                UInt256.ShiftRight(in a, (int)(b.U0 & 511), out r); sink ^= r.U1;
                UInt256.ArithmeticShiftRight(in a, (int)(b.U0 & 511), out r); sink ^= r.U1;
                UInt256.Negate(in a, out r); sink ^= r.U0;
                sink += UInt256.LessThan(in a, in b) ? 1UL : 0;
                sink += UInt256.GreaterThan(in a, in b) ? 1UL : 0;
                sink += UInt256.SignedLessThan(in a, in b) ? 1UL : 0;
                sink += UInt256.SignedGreaterThan(in a, in b) ? 1UL : 0;
                sink += (ulong)UInt256.Compare(in a, in b);
                sink += a.Equals(b) ? 1UL : 0;
                sink += (ulong)a.GetHashCode();
                sink += (ulong)a.BitLength + (a.IsNegative ? 1UL : 0) + (a.FitsInInt32 ? 1UL : 0);
                sink += a.TryGetUInt64(out ulong u) ? u : 0;
                sink += a.TryGetInt32(out int i32) ? (ulong)i32 : 0;
                r = (a + b) * m / b % a - (a & b | m ^ ~a) << 3 >> 1;
                sink ^= r.U0;
                sink += a < b || a >= m ? 1UL : 0;
                sink += a.TryFormat(text, out int n, default, null) ? (ulong)n : 0;
                sink += a.TryFormat(text, out n, "x", null) ? (ulong)n : 0;
                sink += UInt256.TryParse(text[..n], out r) ? r.U0 : 0;
            }
        }
        return sink;
    }
}
