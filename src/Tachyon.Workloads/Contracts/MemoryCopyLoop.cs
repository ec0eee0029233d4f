using Tachyon.Core.Numerics;
using static Tachyon.Workloads.Contracts.Op;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// Two buffers of <c>bytes</c> bytes, A at 0 and B right after it. n times (n = calldata word 0):
/// B = A rotated left by one word (two MCOPYs), then A[j] = B[j] + j*32 word by word (MLOAD/ADD/MSTORE).
/// Returns A.
/// </summary>
public static class MemoryCopyLoop
{
    public static byte[] Code(int bytes) => new EvmAssembler()
        .Op(PUSH0, CALLDATALOAD)                                        // [n]
        .Label("outer")
        .Op(DUP1, ISZERO).JumpIf("end")
        .Push((ulong)bytes - 32).Push(32).Push((ulong)bytes).Op(MCOPY)    // B[0..] = A[32..]
        .Push(32).Op(PUSH0).Push(2 * (ulong)bytes - 32).Op(MCOPY)         // B[last] = A[0]
        .Op(PUSH0)                                                      // [n, j]
        .Label("inner")
        .Op(DUP1).Push((ulong)bytes).Op(ADD, MLOAD, DUP2, ADD, DUP2, MSTORE) // A[j] = B[j] + j
        .Push(32).Op(ADD).Push((ulong)bytes).Op(DUP2, LT).JumpIf("inner")
        .Op(POP).Push(1).Op(SWAP1, SUB).Jump("outer")
        .Label("end")
        .Push((ulong)bytes).Op(PUSH0, RETURN)
        .Build();

    /// <summary>The same loop over UInt256 words with Span copies.</summary>
    public static byte[] Native(int bytes, int n)
    {
        int w = bytes / 32;
        var a = new UInt256[w];
        var b = new UInt256[w];
        for (int k = 0; k < n; k++)
        {
            a.AsSpan(1).CopyTo(b);
            b[w - 1] = a[0];
            for (int j = 0; j < w; j++) a[j] = b[j] + (UInt256)(ulong)(j * 32);
        }
        byte[] output = new byte[bytes];
        for (int j = 0; j < w; j++) a[j].WriteBigEndian(output.AsSpan(j * 32, 32));
        return output;
    }
}
