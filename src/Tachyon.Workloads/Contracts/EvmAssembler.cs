using Tachyon.Core.Numerics;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// A minimal EVM assembler for the benchmark contracts: opcodes, minimal-width PUSH, and labels.
/// Jump targets are always PUSH2 so code size is known before the labels are resolved.
/// </summary>
public sealed class EvmAssembler
{
    private readonly List<byte> _code = new();
    private readonly Dictionary<string, int> _labels = new();
    private readonly List<(int At, string Label)> _fixups = new();

    public EvmAssembler Op(params Op[] ops)
    {
        foreach (Op op in ops) _code.Add((byte)op);
        return this;
    }

    /// <summary>Shortest PUSH for the value (PUSH0 for zero).</summary>
    public EvmAssembler Push(UInt256 value)
    {
        Span<byte> be = stackalloc byte[32];
        value.WriteBigEndian(be);
        int skip = 0;
        while (skip < 32 && be[skip] == 0) skip++;
        int n = 32 - skip;
        _code.Add((byte)(n == 0 ? (byte)Contracts.Op.PUSH0 : (byte)Contracts.Op.PUSH1 + n - 1));
        for (int i = skip; i < 32; i++) _code.Add(be[i]);
        return this;
    }

    /// <summary>Marks a JUMPDEST here.</summary>
    public EvmAssembler Label(string name)
    {
        if (!_labels.TryAdd(name, _code.Count)) throw new InvalidOperationException("duplicate label " + name);
        _code.Add((byte)Contracts.Op.JUMPDEST);
        return this;
    }

    public EvmAssembler PushLabel(string name)
    {
        _code.Add((byte)Contracts.Op.PUSH2);
        _fixups.Add((_code.Count, name));
        _code.Add(0);
        _code.Add(0);
        return this;
    }

    public EvmAssembler Jump(string name) => PushLabel(name).Op(Contracts.Op.JUMP);

    /// <summary>Jumps to <paramref name="name"/> when the top of stack is non-zero (pops it).</summary>
    public EvmAssembler JumpIf(string name) => PushLabel(name).Op(Contracts.Op.JUMPI);

    public byte[] Build()
    {
        byte[] code = _code.ToArray();
        foreach (var (at, label) in _fixups)
        {
            if (!_labels.TryGetValue(label, out int target)) throw new InvalidOperationException("undefined label " + label);
            code[at] = (byte)(target >> 8);
            code[at + 1] = (byte)target;
        }
        return code;
    }
}

/// <summary>The opcodes the benchmark contracts use.</summary>
public enum Op : byte
{
    STOP = 0x00, ADD = 0x01, MUL = 0x02, SUB = 0x03, DIV = 0x04, MOD = 0x06, EXP = 0x0a,
    LT = 0x10, GT = 0x11, EQ = 0x14, ISZERO = 0x15, AND = 0x16, OR = 0x17, BYTE = 0x1a, SHL = 0x1b, SHR = 0x1c,
    KECCAK256 = 0x20, CALLER = 0x33, CALLVALUE = 0x34, CALLDATALOAD = 0x35,
    POP = 0x50, MLOAD = 0x51, MSTORE = 0x52, MSTORE8 = 0x53, SLOAD = 0x54, SSTORE = 0x55,
    JUMP = 0x56, JUMPI = 0x57, JUMPDEST = 0x5b, MCOPY = 0x5e, PUSH0 = 0x5f, PUSH1 = 0x60, PUSH2 = 0x61,
    DUP1 = 0x80, DUP2 = 0x81, DUP3 = 0x82, DUP4 = 0x83, DUP5 = 0x84, DUP6 = 0x85,
    SWAP1 = 0x90, SWAP2 = 0x91, SWAP3 = 0x92, SWAP4 = 0x93,
    LOG3 = 0xa3, RETURN = 0xf3, REVERT = 0xfd,
}
