using System.Runtime.CompilerServices;
using Tachyon.Core.Blocks;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;

namespace Tachyon.Evm.Interpreter;

public sealed partial class VirtualMachine
{
    /// <summary>Interprets <paramref name="f"/> from its saved pc until it halts or requests a child call.</summary>
    [SkipLocalsInit]
    private EvmStatus Run(Frame f)
    {
        byte[] code = f.Code.Code;
        UInt256[] stack = f.Stack;
        EvmMemory mem = f.Memory;
        long gas = f.Gas;
        int pc = f.Pc;
        int sp = f.Sp;
        EvmStatus status;
        IEvmTracer? tracer = Tracer;
        ExecutionState state = _state;
        byte[] stackIn = OpcodeInfo.StackIn, stackOut = OpcodeInfo.StackOut;
        long[] baseGas = OpcodeInfo.BaseGas;
        CodeInfo codeInfo = f.Code;
        // One scratch word for the whole run: a stackalloc inside the loop is only released when Run
        // returns, so a loop of KECCAK256/CALLDATALOAD would overflow the thread's stack.
        Span<byte> word = stackalloc byte[32];

        while (true)
        {
            if ((uint)pc >= (uint)code.Length) { status = EvmStatus.Success; f.Output = []; break; }
            byte op = code[pc];
            if (tracer != null) tracer.OnStep(f, pc, op, gas, sp, state.Refund);
            int nIn = stackIn[op];
            if (sp < nIn) { status = OpcodeInfo.Defined[op] ? EvmStatus.StackUnderflow : EvmStatus.InvalidOpcode; break; }
            if (sp - nIn + stackOut[op] > 1024) { status = EvmStatus.StackOverflow; break; }
            gas -= baseGas[op];
            if (gas < 0) { status = EvmStatus.OutOfGas; break; }

            switch (op)
            {
                case 0x00: status = EvmStatus.Success; f.Output = []; goto Exit;
                case 0x01: { UInt256.Add(in stack[sp - 1], in stack[sp - 2], out UInt256 r); stack[sp - 2] = r; sp--; break; }
                case 0x02: { UInt256.Multiply(in stack[sp - 1], in stack[sp - 2], out UInt256 r); stack[sp - 2] = r; sp--; break; }
                case 0x03: { UInt256.Subtract(in stack[sp - 1], in stack[sp - 2], out UInt256 r); stack[sp - 2] = r; sp--; break; }
                case 0x04:
                {
                    UInt256 r = default;
                    if (!stack[sp - 2].IsZero) UInt256.Divide(in stack[sp - 1], in stack[sp - 2], out r);
                    stack[sp - 2] = r; sp--; break;
                }
                case 0x05:
                {
                    UInt256 r = default;
                    if (!stack[sp - 2].IsZero) UInt256.SignedDivide(in stack[sp - 1], in stack[sp - 2], out r);
                    stack[sp - 2] = r; sp--; break;
                }
                case 0x06:
                {
                    UInt256 r = default;
                    if (!stack[sp - 2].IsZero) UInt256.Mod(in stack[sp - 1], in stack[sp - 2], out r);
                    stack[sp - 2] = r; sp--; break;
                }
                case 0x07:
                {
                    UInt256 r = default;
                    if (!stack[sp - 2].IsZero) UInt256.SignedMod(in stack[sp - 1], in stack[sp - 2], out r);
                    stack[sp - 2] = r; sp--; break;
                }
                case 0x08:
                {
                    UInt256 r = default;
                    if (!stack[sp - 3].IsZero) UInt256.AddMod(in stack[sp - 1], in stack[sp - 2], in stack[sp - 3], out r);
                    stack[sp - 3] = r; sp -= 2; break;
                }
                case 0x09:
                {
                    UInt256 r = default;
                    if (!stack[sp - 3].IsZero) UInt256.MulMod(in stack[sp - 1], in stack[sp - 2], in stack[sp - 3], out r);
                    stack[sp - 3] = r; sp -= 2; break;
                }
                case 0x0a:
                {
                    ref UInt256 e = ref stack[sp - 2];
                    gas -= GasCost.ExpByte * e.ByteLength;
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    UInt256.Exp(in stack[sp - 1], in e, out UInt256 r);
                    stack[sp - 2] = r; sp--; break;
                }
                case 0x0b: { UInt256.SignExtend(in stack[sp - 1], in stack[sp - 2], out UInt256 r); stack[sp - 2] = r; sp--; break; }
                case 0x10: stack[sp - 2] = UInt256.LessThan(in stack[sp - 1], in stack[sp - 2]) ? UInt256.One : default; sp--; break;
                case 0x11: stack[sp - 2] = UInt256.GreaterThan(in stack[sp - 1], in stack[sp - 2]) ? UInt256.One : default; sp--; break;
                case 0x12: stack[sp - 2] = UInt256.SignedLessThan(in stack[sp - 1], in stack[sp - 2]) ? UInt256.One : default; sp--; break;
                case 0x13: stack[sp - 2] = UInt256.SignedGreaterThan(in stack[sp - 1], in stack[sp - 2]) ? UInt256.One : default; sp--; break;
                case 0x14: stack[sp - 2] = stack[sp - 1] == stack[sp - 2] ? UInt256.One : default; sp--; break;
                case 0x15: stack[sp - 1] = stack[sp - 1].IsZero ? UInt256.One : default; break;
                case 0x16: { UInt256.And(in stack[sp - 1], in stack[sp - 2], out UInt256 r); stack[sp - 2] = r; sp--; break; }
                case 0x17: { UInt256.Or(in stack[sp - 1], in stack[sp - 2], out UInt256 r); stack[sp - 2] = r; sp--; break; }
                case 0x18: { UInt256.Xor(in stack[sp - 1], in stack[sp - 2], out UInt256 r); stack[sp - 2] = r; sp--; break; }
                case 0x19: { UInt256.Not(in stack[sp - 1], out UInt256 r); stack[sp - 1] = r; break; }
                case 0x1a: { UInt256.Byte(in stack[sp - 1], in stack[sp - 2], out UInt256 r); stack[sp - 2] = r; sp--; break; }
                case 0x1b:
                case 0x1c:
                case 0x1d:
                {
                    ref UInt256 sh = ref stack[sp - 1];
                    ref UInt256 v = ref stack[sp - 2];
                    UInt256 r;
                    if (!sh.IsUInt64 || sh.U0 >= 256)
                        r = op == 0x1d && v.IsNegative ? UInt256.MaxValue : default;
                    else if (op == 0x1b) UInt256.ShiftLeft(in v, (int)sh.U0, out r);
                    else if (op == 0x1c) UInt256.ShiftRight(in v, (int)sh.U0, out r);
                    else UInt256.ArithmeticShiftRight(in v, (int)sh.U0, out r);
                    stack[sp - 2] = r; sp--; break;
                }
                case 0x20:
                {
                    ref UInt256 off = ref stack[sp - 1];
                    ref UInt256 size = ref stack[sp - 2];
                    if (!mem.Expand(ref gas, in off, in size)) { status = EvmStatus.OutOfGas; goto Exit; }
                    gas -= GasCost.Keccak256Word * (long)Words(size.U0);
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    Keccak256.Hash(size.IsZero ? ReadOnlySpan<byte>.Empty : mem.Span.Slice((int)off.U0, (int)size.U0), word);
                    stack[sp - 2] = UInt256.FromBigEndian(word); sp--; break;
                }
                case 0x30: stack[sp++] = FromAddress(f.Target); break;
                case 0x31:
                {
                    Address a = ToAddress(in stack[sp - 1]);
                    gas -= AccessAccount(a);
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    stack[sp - 1] = state.GetBalance(a); break;
                }
                case 0x32: stack[sp++] = FromAddress(_tx.Origin); break;
                case 0x33: stack[sp++] = FromAddress(f.Caller); break;
                case 0x34: stack[sp++] = f.Value; break;
                case 0x35:
                {
                    PaddedCopy(word, f.Input, in stack[sp - 1]);
                    stack[sp - 1] = UInt256.FromBigEndian(word); break;
                }
                case 0x36: stack[sp++] = (ulong)f.Input.Length; break;
                case 0x37:
                case 0x39:
                case 0x3e:
                {
                    ref UInt256 dst = ref stack[sp - 1];
                    ref UInt256 src = ref stack[sp - 2];
                    ref UInt256 size = ref stack[sp - 3];
                    if (op == 0x3e)
                    {
                        if (!src.IsUInt64 || !size.IsUInt64 || src.U0 + size.U0 < src.U0 || src.U0 + size.U0 > (ulong)f.ReturnData.Length)
                        { status = EvmStatus.ReturnDataOutOfBounds; goto Exit; }
                    }
                    if (!mem.Expand(ref gas, in dst, in size)) { status = EvmStatus.OutOfGas; goto Exit; }
                    gas -= GasCost.Copy * (long)Words(size.U0);
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    if (!size.IsZero)
                    {
                        byte[] source = op == 0x37 ? f.Input : op == 0x39 ? code : f.ReturnData;
                        PaddedCopy(mem.Span.Slice((int)dst.U0, (int)size.U0), source, in src);
                    }
                    sp -= 3; break;
                }
                case 0x38: stack[sp++] = (ulong)code.Length; break;
                case 0x3a: stack[sp++] = _tx.GasPrice; break;
                case 0x3b:
                {
                    Address a = ToAddress(in stack[sp - 1]);
                    gas -= AccessAccount(a);
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    stack[sp - 1] = (ulong)state.GetCode(a).Length; break;
                }
                case 0x3c:
                {
                    Address a = ToAddress(in stack[sp - 1]);
                    ref UInt256 dst = ref stack[sp - 2];
                    ref UInt256 src = ref stack[sp - 3];
                    ref UInt256 size = ref stack[sp - 4];
                    gas -= AccessAccount(a);
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    if (!mem.Expand(ref gas, in dst, in size)) { status = EvmStatus.OutOfGas; goto Exit; }
                    gas -= GasCost.Copy * (long)Words(size.U0);
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    if (!size.IsZero) PaddedCopy(mem.Span.Slice((int)dst.U0, (int)size.U0), state.GetCode(a), in src);
                    sp -= 4; break;
                }
                case 0x3d: stack[sp++] = (ulong)f.ReturnData.Length; break;
                case 0x3f:
                {
                    Address a = ToAddress(in stack[sp - 1]);
                    gas -= AccessAccount(a);
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    stack[sp - 1] = state.AccountExists(a) && !(state.ExistsAndIsEmpty(a)) ? FromHash(state.GetCodeHash(a)) : default;
                    break;
                }
                case 0x40:
                {
                    ref UInt256 n = ref stack[sp - 1];
                    UInt256 r = default;
                    if (n.IsUInt64 && n.U0 < _block.Number && _block.Number - n.U0 <= 256 && _block.BlockHashProvider != null)
                        r = FromHash(_block.BlockHashProvider(n.U0));
                    stack[sp - 1] = r; break;
                }
                case 0x41: stack[sp++] = FromAddress(_block.Coinbase); break;
                case 0x42: stack[sp++] = _block.Timestamp; break;
                case 0x43: stack[sp++] = _block.Number; break;
                case 0x44: stack[sp++] = _block.PrevRandao; break;
                case 0x45: stack[sp++] = (ulong)_block.GasLimit; break;
                case 0x46: stack[sp++] = _block.ChainId; break;
                case 0x47: stack[sp++] = state.GetBalance(f.Target); break;
                case 0x48: stack[sp++] = _block.BaseFee; break;
                case 0x49:
                {
                    ref UInt256 i = ref stack[sp - 1];
                    stack[sp - 1] = i.IsUInt64 && i.U0 < (ulong)_tx.BlobVersionedHashes.Length ? FromHash(_tx.BlobVersionedHashes[(int)i.U0]) : default;
                    break;
                }
                case 0x4a: stack[sp++] = _block.BlobBaseFee(_spec); break;
                case 0x50: sp--; break;
                case 0x51:
                {
                    ref UInt256 off = ref stack[sp - 1];
                    if (!mem.Expand(ref gas, in off, 32)) { status = EvmStatus.OutOfGas; goto Exit; }
                    stack[sp - 1] = UInt256.FromBigEndian(mem.Span.Slice((int)off.U0, 32)); break;
                }
                case 0x52:
                {
                    ref UInt256 off = ref stack[sp - 1];
                    if (!mem.Expand(ref gas, in off, 32)) { status = EvmStatus.OutOfGas; goto Exit; }
                    stack[sp - 2].WriteBigEndian(mem.Span.Slice((int)off.U0, 32));
                    sp -= 2; break;
                }
                case 0x53:
                {
                    ref UInt256 off = ref stack[sp - 1];
                    if (!mem.Expand(ref gas, in off, 1)) { status = EvmStatus.OutOfGas; goto Exit; }
                    mem.Span[(int)off.U0] = (byte)stack[sp - 2].U0;
                    sp -= 2; break;
                }
                case 0x54:
                {
                    UInt256 key = stack[sp - 1];
                    gas -= state.WarmUp(f.Target, key) ? GasCost.ColdSload : GasCost.WarmAccess;
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    stack[sp - 1] = state.GetStorage(f.Target, key); break;
                }
                case 0x55:
                {
                    if (f.IsStatic) { status = EvmStatus.StaticViolation; goto Exit; }
                    if (gas <= GasCost.CallStipend) { status = EvmStatus.OutOfGas; goto Exit; }
                    UInt256 key = stack[sp - 1];
                    UInt256 value = stack[sp - 2];
                    sp -= 2;
                    status = SStore(f, ref gas, in key, in value);
                    if (status != EvmStatus.Running) goto Exit;
                    break;
                }
                case 0x56:
                {
                    ref UInt256 d = ref stack[sp - 1];
                    if (!d.IsUInt64 || !codeInfo.IsValidJumpDest(d.U0)) { status = EvmStatus.InvalidJump; goto Exit; }
                    pc = (int)d.U0; sp--;
                    continue;
                }
                case 0x57:
                {
                    if (!stack[sp - 2].IsZero)
                    {
                        ref UInt256 d = ref stack[sp - 1];
                        if (!d.IsUInt64 || !codeInfo.IsValidJumpDest(d.U0)) { status = EvmStatus.InvalidJump; goto Exit; }
                        pc = (int)d.U0; sp -= 2;
                        continue;
                    }
                    sp -= 2; break;
                }
                case 0x58: stack[sp++] = (ulong)pc; break;
                case 0x59: stack[sp++] = mem.Size; break;
                case 0x5a: stack[sp++] = (ulong)gas; break;
                case 0x5b: break;
                case 0x5c: stack[sp - 1] = state.GetTransient(f.Target, stack[sp - 1]); break;
                case 0x5d:
                    if (f.IsStatic) { status = EvmStatus.StaticViolation; goto Exit; }
                    state.SetTransient(f.Target, stack[sp - 1], stack[sp - 2]);
                    sp -= 2; break;
                case 0x5e:
                {
                    ref UInt256 dst = ref stack[sp - 1];
                    ref UInt256 src = ref stack[sp - 2];
                    ref UInt256 size = ref stack[sp - 3];
                    if (!mem.Expand(ref gas, in src, in size) || !mem.Expand(ref gas, in dst, in size)) { status = EvmStatus.OutOfGas; goto Exit; }
                    gas -= GasCost.Copy * (long)Words(size.U0);
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    if (!size.IsZero) mem.Span.Slice((int)src.U0, (int)size.U0).CopyTo(mem.Span.Slice((int)dst.U0, (int)size.U0));
                    sp -= 3; break;
                }
                case 0x5f: stack[sp++] = default; break;
                case 0x60:
                case 0x61:
                case 0x62:
                case 0x63:
                case 0x64:
                case 0x65:
                case 0x66:
                case 0x67:
                case 0x68:
                case 0x69:
                case 0x6a:
                case 0x6b:
                case 0x6c:
                case 0x6d:
                case 0x6e:
                case 0x6f:
                case 0x70:
                case 0x71:
                case 0x72:
                case 0x73:
                case 0x74:
                case 0x75:
                case 0x76:
                case 0x77:
                case 0x78:
                case 0x79:
                case 0x7a:
                case 0x7b:
                case 0x7c:
                case 0x7d:
                case 0x7e:
                case 0x7f:
                {
                    int n = op - 0x5f;
                    int start = pc + 1;
                    if (n <= 8 && start + n <= code.Length)
                    {
                        ulong v = 0;
                        for (int i = 0; i < n; i++) v = (v << 8) | code[start + i];
                        stack[sp] = new UInt256(v);
                    }
                    else
                        stack[sp] = ReadPushData(code, start, n);
                    sp++;
                    pc += n;
                    break;
                }
                case 0x80:
                case 0x81:
                case 0x82:
                case 0x83:
                case 0x84:
                case 0x85:
                case 0x86:
                case 0x87:
                case 0x88:
                case 0x89:
                case 0x8a:
                case 0x8b:
                case 0x8c:
                case 0x8d:
                case 0x8e:
                case 0x8f:
                    stack[sp] = stack[sp - (op - 0x7f)]; sp++; break;
                case 0x90:
                case 0x91:
                case 0x92:
                case 0x93:
                case 0x94:
                case 0x95:
                case 0x96:
                case 0x97:
                case 0x98:
                case 0x99:
                case 0x9a:
                case 0x9b:
                case 0x9c:
                case 0x9d:
                case 0x9e:
                case 0x9f:
                {
                    int n = op - 0x8f;
                    (stack[sp - 1], stack[sp - 1 - n]) = (stack[sp - 1 - n], stack[sp - 1]);
                    break;
                }
                case 0xa0:
                case 0xa1:
                case 0xa2:
                case 0xa3:
                case 0xa4:
                {
                    if (f.IsStatic) { status = EvmStatus.StaticViolation; goto Exit; }
                    int topics = op - 0xa0;
                    ref UInt256 off = ref stack[sp - 1];
                    ref UInt256 size = ref stack[sp - 2];
                    if (!mem.Expand(ref gas, in off, in size)) { status = EvmStatus.OutOfGas; goto Exit; }
                    gas -= GasCost.LogData * (long)size.U0;
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    var t = new Hash256[topics];
                    for (int i = 0; i < topics; i++)
                    {
                        Hash256 h = default;
                        stack[sp - 3 - i].WriteBigEndian(h.AsWritableSpan());
                        t[i] = h;
                    }
                    byte[] data = size.IsZero ? [] : mem.Span.Slice((int)off.U0, (int)size.U0).ToArray();
                    state.AddLog(new Log(f.Target, t, data));
                    sp -= 2 + topics; break;
                }
                case 0xf0:
                case 0xf5:
                {
                    f.Gas = gas; f.Sp = sp; f.Pc = pc;
                    status = PrepareCreate(f, op == 0xf5);
                    gas = f.Gas; sp = f.Sp;
                    if (status == EvmStatus.CallRequested) { f.Pc = pc + 1; return status; }
                    if (status != EvmStatus.Running) goto Exit;
                    break;
                }
                case 0xf1:
                case 0xf2:
                case 0xf4:
                case 0xfa:
                {
                    f.Gas = gas; f.Sp = sp; f.Pc = pc;
                    status = PrepareCall(f, op);
                    gas = f.Gas; sp = f.Sp;
                    if (status == EvmStatus.CallRequested) { f.Pc = pc + 1; return status; }
                    if (status != EvmStatus.Running) goto Exit;
                    break;
                }
                case 0xf3:
                case 0xfd:
                {
                    ref UInt256 off = ref stack[sp - 1];
                    ref UInt256 size = ref stack[sp - 2];
                    if (!mem.Expand(ref gas, in off, in size)) { status = EvmStatus.OutOfGas; goto Exit; }
                    f.Output = size.IsZero ? [] : mem.Span.Slice((int)off.U0, (int)size.U0).ToArray();
                    sp -= 2;
                    status = op == 0xf3 ? EvmStatus.Success : EvmStatus.Revert;
                    goto Exit;
                }
                case 0xff:
                {
                    if (f.IsStatic) { status = EvmStatus.StaticViolation; goto Exit; }
                    Address beneficiary = ToAddress(in stack[sp - 1]);
                    sp--;
                    if (state.WarmUp(beneficiary)) gas -= GasCost.ColdAccountAccess;
                    UInt256 balance = state.GetBalance(f.Target);
                    if (!balance.IsZero && !state.IsAlive(beneficiary)) gas -= GasCost.NewAccount;
                    if (gas < 0) { status = EvmStatus.OutOfGas; goto Exit; }
                    state.SubtractBalance(f.Target, balance);
                    state.AddBalance(beneficiary, balance);
                    if (state.IsCreatedInTransaction(f.Target))
                    {
                        state.SetBalance(f.Target, default);
                        state.MarkDestructed(f.Target);
                    }
                    state.Touch(beneficiary);
                    status = EvmStatus.Success;
                    f.Output = [];
                    goto Exit;
                }
                default:
                    status = EvmStatus.InvalidOpcode;
                    goto Exit;
            }
            pc++;
        }

    Exit:
        if (gas < 0) gas = 0;
        f.Gas = gas;
        f.Pc = pc;
        f.Sp = sp;
        return status;
    }

    /// <summary>PUSHn immediate: n bytes after the opcode, zero-padded on the right past the end of the code.</summary>
    private static UInt256 ReadPushData(byte[] code, int start, int n)
    {
        if (n == 32 && start + 32 <= code.Length) return UInt256.FromBigEndian(code.AsSpan(start, 32));
        ulong u0 = 0, u1 = 0, u2 = 0, u3 = 0;
        for (int i = 0; i < n; i++)
        {
            int idx = start + i;
            ulong b = idx < code.Length ? code[idx] : 0UL;
            int bit = (n - 1 - i) * 8; // position of this byte from the least significant end
            switch (bit >> 6)
            {
                case 0: u0 |= b << (bit & 63); break;
                case 1: u1 |= b << (bit & 63); break;
                case 2: u2 |= b << (bit & 63); break;
                default: u3 |= b << (bit & 63); break;
            }
        }
        return new UInt256(u0, u1, u2, u3);
    }

    private EvmStatus SStore(Frame f, ref long gas, in UInt256 key, in UInt256 newValue)
    {
        ExecutionState state = _state;
        UInt256 original = state.GetOriginalStorage(f.Target, key);
        UInt256 current = state.GetStorage(f.Target, key);
        long cost = 0;
        if (state.WarmUp(f.Target, key)) cost += GasCost.ColdSload;
        if (original == current && current != newValue)
            cost += original.IsZero ? GasCost.StorageSet : GasCost.StorageUpdate - GasCost.ColdSload;
        else
            cost += GasCost.WarmAccess;
        gas -= cost;
        if (gas < 0) return EvmStatus.OutOfGas;
        if (current != newValue)
        {
            long refund = 0;
            if (!original.IsZero && !current.IsZero && newValue.IsZero) refund += GasCost.StorageClearRefund;
            if (!original.IsZero && current.IsZero) refund -= GasCost.StorageClearRefund;
            if (original == newValue)
                refund += original.IsZero
                    ? GasCost.StorageSet - GasCost.WarmAccess
                    : GasCost.StorageUpdate - GasCost.ColdSload - GasCost.WarmAccess;
            if (refund != 0) state.AddRefund(refund);
            state.SetStorage(f.Target, key, newValue);
        }
        return EvmStatus.Running;
    }

    private EvmStatus PrepareCreate(Frame f, bool isCreate2)
    {
        UInt256[] stack = f.Stack;
        int sp = f.Sp;
        UInt256 value = stack[sp - 1];
        UInt256 off = stack[sp - 2];
        UInt256 size = stack[sp - 3];
        UInt256 salt = isCreate2 ? stack[sp - 4] : default;
        sp -= isCreate2 ? 4 : 3;
        f.Sp = sp;
        long gas = f.Gas;
        if (!f.Memory.Expand(ref gas, in off, in size)) { f.Gas = 0; return EvmStatus.OutOfGas; }
        if (size.U0 > (ulong)_spec.MaxInitCodeSize) { f.Gas = 0; return EvmStatus.OutOfGas; }
        long words = (long)Words(size.U0);
        gas -= GasCost.InitCodeWord * words;
        if (isCreate2) gas -= GasCost.Keccak256Word * words;
        if (gas < 0) { f.Gas = 0; return EvmStatus.OutOfGas; }
        if (f.IsStatic) { f.Gas = gas; return EvmStatus.StaticViolation; }

        long childGas = gas - gas / 64;
        gas -= childGas;
        f.ReturnData = [];
        Address sender = f.Target;
        if (_state.GetBalance(sender) < value || _state.GetNonce(sender) == ulong.MaxValue || f.Depth + 1 > MaxCallDepth)
        {
            f.Gas = gas + childGas;
            stack[f.Sp++] = default;
            return EvmStatus.Running;
        }
        byte[] initCode = size.IsZero ? [] : f.Memory.Span.Slice((int)off.U0, (int)size.U0).ToArray();
        Address address = isCreate2 ? Create2Address(sender, salt, initCode) : CreateAddress(sender, _state.GetNonce(sender));
        _state.WarmUp(address);
        if (_state.HasCodeOrNonce(address) || _state.HasStorage(address))
        {
            _state.IncrementNonce(sender);
            f.Gas = gas;
            stack[f.Sp++] = default;
            return EvmStatus.Running;
        }
        _state.IncrementNonce(sender);

        Frame child = RentFrame();
        child.Kind = isCreate2 ? FrameKind.Create2 : FrameKind.Create;
        child.Caller = sender;
        child.Target = address;
        child.CodeAddress = address;
        child.Value = value;
        child.TransferValue = true;
        child.Input = [];
        child.Code = initCode.Length == 0 ? CodeInfo.Empty : new CodeInfo(initCode);
        child.Gas = childGas;
        child.IsStatic = false;
        child.Depth = f.Depth + 1;
        f.Child = child;
        f.Gas = gas;
        return EvmStatus.CallRequested;
    }

    private EvmStatus PrepareCall(Frame f, byte op)
    {
        UInt256[] stack = f.Stack;
        int sp = f.Sp;
        bool hasValue = op is 0xf1 or 0xf2;
        UInt256 requested = stack[sp - 1];
        Address to = ToAddress(in stack[sp - 2]);
        UInt256 value = hasValue ? stack[sp - 3] : default;
        int i = hasValue ? sp - 4 : sp - 3;
        UInt256 inOff = stack[i], inSize = stack[i - 1], outOff = stack[i - 2], outSize = stack[i - 3];
        sp = i - 3;
        f.Sp = sp;
        long gas = f.Gas;

        if (!f.Memory.Expand(ref gas, in inOff, in inSize) || !f.Memory.Expand(ref gas, in outOff, in outSize))
        { f.Gas = 0; return EvmStatus.OutOfGas; }

        long extra = AccessAccount(to);
        Address codeAddress = to;
        byte[] code = _state.GetCode(to);
        bool delegated = false;
        if (_spec.IsEip7702Enabled && IsDelegation(code))
        {
            codeAddress = new Address(code.AsSpan(3, 20));
            extra += AccessAccount(codeAddress);
            code = _state.GetCode(codeAddress);
            delegated = true;
        }
        if (!value.IsZero)
        {
            extra += GasCost.CallValue;
            if (op == 0xf1 && !_state.IsAlive(to)) extra += GasCost.NewAccount;
        }
        if (gas < extra) { f.Gas = 0; return EvmStatus.OutOfGas; }
        long avail = gas - extra;
        avail -= avail / 64;
        long childGas = requested.IsUInt64 && requested.U0 < (ulong)avail ? (long)requested.U0 : avail;
        gas -= extra + childGas;
        if (op == 0xf1 && f.IsStatic && !value.IsZero) { f.Gas = gas; return EvmStatus.StaticViolation; }
        if (!value.IsZero) childGas += GasCost.CallStipend;
        f.ReturnData = [];

        if ((hasValue && _state.GetBalance(f.Target) < value) || f.Depth + 1 > MaxCallDepth)
        {
            f.Gas = gas + childGas;
            stack[f.Sp++] = default;
            return EvmStatus.Running;
        }

        Frame child = RentFrame();
        switch (op)
        {
            case 0xf1:
                child.Kind = FrameKind.Call; child.Caller = f.Target; child.Target = to; child.Value = value;
                child.TransferValue = true; child.IsStatic = f.IsStatic; break;
            case 0xf2:
                child.Kind = FrameKind.CallCode; child.Caller = f.Target; child.Target = f.Target; child.Value = value;
                child.TransferValue = true; child.IsStatic = f.IsStatic; break;
            case 0xf4:
                child.Kind = FrameKind.DelegateCall; child.Caller = f.Caller; child.Target = f.Target; child.Value = f.Value;
                child.TransferValue = false; child.IsStatic = f.IsStatic; break;
            default:
                child.Kind = FrameKind.StaticCall; child.Caller = f.Target; child.Target = to; child.Value = default;
                child.TransferValue = false; child.IsStatic = true; break;
        }
        child.CodeAddress = codeAddress;
        child.DisablePrecompiles = delegated;
        child.Input = inSize.IsZero ? [] : f.Memory.Span.Slice((int)inOff.U0, (int)inSize.U0).ToArray();
        child.Code = code.Length == 0 ? CodeInfo.Empty : CodeInfo.Get(_state.GetCodeHash(codeAddress), code);
        child.Gas = childGas;
        child.Depth = f.Depth + 1;
        f.OutOffset = outSize.IsZero ? 0 : outOff.U0;
        f.OutSize = outSize.IsZero ? 0 : outSize.U0;
        f.Child = child;
        f.Gas = gas;
        return EvmStatus.CallRequested;
    }
}
