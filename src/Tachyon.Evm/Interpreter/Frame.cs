using System.Runtime.CompilerServices;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Evm.Interpreter;

/// <summary>How a frame ended (no exceptions for control flow).</summary>
public enum EvmStatus : byte
{
    Running = 0,
    Success,
    Revert,
    OutOfGas,
    StackUnderflow,
    StackOverflow,
    InvalidJump,
    InvalidOpcode,
    StaticViolation,
    ReturnDataOutOfBounds,
    CodeSizeExceeded,
    InvalidCodePrefix,
    CreateCollision,
    PrecompileFailure,
    /// <summary>Internal: the frame stopped to run a child call / create.</summary>
    CallRequested,
}

public enum FrameKind : byte { Call, CallCode, DelegateCall, StaticCall, Create, Create2 }

/// <summary>The memory of one call frame: a growable buffer reused across frames.</summary>
public sealed class EvmMemory
{
    private byte[] _buffer = new byte[1024];
    /// <summary>Active size in bytes, a multiple of 32.</summary>
    public ulong Size;

    public Span<byte> Span => _buffer;

    public void Reset()
    {
        if (Size > 0) _buffer.AsSpan(0, (int)Size).Clear();
        if (_buffer.Length > 1 << 20) _buffer = new byte[1024];
        Size = 0;
    }

    public static long Cost(ulong words) => (long)(words * GasCost.Memory + words * words / 512);

    /// <summary>Grows the active memory to cover [0, end), charging the quadratic cost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Expand(ref long gas, ulong end)
    {
        if (end <= Size) return true;
        return ExpandSlow(ref gas, end);
    }

    private bool ExpandSlow(ref long gas, ulong end)
    {
        if (end > 0x1_0000_0000UL) { gas = -1; return false; }
        ulong newWords = (end + 31) / 32;
        long cost = Cost(newWords) - Cost(Size / 32);
        gas -= cost;
        if (gas < 0) return false;
        ulong newSize = newWords * 32;
        if (newSize > (ulong)_buffer.Length)
        {
            ulong cap = Math.Max((ulong)_buffer.Length * 2, newSize);
            if (cap > int.MaxValue) cap = newSize;
            var nb = new byte[cap];
            _buffer.AsSpan(0, (int)Size).CopyTo(nb);
            _buffer = nb;
        }
        Size = newSize;
        return true;
    }

    /// <summary>Checked offset/size from stack words, then expansion. Zero size never expands.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Expand(ref long gas, in UInt256 offset, in UInt256 size)
    {
        if (size.IsZero) return true;
        if (!offset.IsUInt64 || !size.IsUInt64 || offset.U0 > uint.MaxValue || size.U0 > uint.MaxValue) { gas = -1; return false; }
        return Expand(ref gas, offset.U0 + size.U0);
    }
}

/// <summary>One call frame: message parameters plus the interpreter registers.</summary>
public sealed class Frame
{
    public FrameKind Kind;
    public Address Caller;
    /// <summary>The account whose storage and balance the code acts on (ADDRESS).</summary>
    public Address Target;
    /// <summary>The account the code came from (precompile lookup).</summary>
    public Address CodeAddress;
    public UInt256 Value;
    public bool TransferValue;
    public byte[] Input = [];
    public CodeInfo Code = CodeInfo.Empty;
    public long Gas;
    public bool IsStatic;
    public bool DisablePrecompiles;
    public int Depth;
    public int Snapshot;

    // registers
    public int Pc;
    public int Sp;
    public readonly UInt256[] Stack = new UInt256[1024];
    public readonly EvmMemory Memory = new();
    public byte[] ReturnData = [];
    public byte[] Output = [];
    public EvmStatus Status;

    // pending child (set when Status == CallRequested)
    public Frame? Child;
    public ulong OutOffset, OutSize;

    public bool IsCreate => Kind is FrameKind.Create or FrameKind.Create2;

    public void Reset()
    {
        Pc = 0; Sp = 0; Memory.Reset(); ReturnData = []; Output = []; Status = EvmStatus.Running;
        Child = null; OutOffset = 0; OutSize = 0; DisablePrecompiles = false; TransferValue = false;
        Input = []; Code = CodeInfo.Empty;
    }
}
