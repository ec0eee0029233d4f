using System.Runtime.CompilerServices;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;
using Tachyon.Precompiles;

namespace Tachyon.Evm.Interpreter;

/// <summary>The result of a top-level message.</summary>
public readonly record struct CallResult(EvmStatus Status, long GasLeft, byte[] Output)
{
    public bool Success => Status == EvmStatus.Success;
}

/// <summary>
/// The interpreter. Call frames are handled iteratively: a CALL/CREATE stops the current frame
/// with <see cref="EvmStatus.CallRequested"/>, the driver loop runs the child and then resumes the
/// parent, so nesting depth (1024) never grows the C# stack. Frames (stack + memory buffers) are pooled.
/// </summary>
[SkipLocalsInit]
public sealed partial class VirtualMachine
{
    public const int MaxCallDepth = 1024;
    private static readonly byte[] DelegationPrefix = [0xef, 0x01, 0x00];

    private ExecutionState _state = null!;
    private BlockEnvironment _block = null!;
    private TxEnvironment _tx = null!;
    private readonly ForkSpec _spec;
    private readonly Stack<Frame> _pool = new();
    private readonly List<Frame> _frames = new();

    /// <summary>EIP-3155 tracer (null when not tracing).</summary>
    public IEvmTracer? Tracer { get; set; }

    public VirtualMachine(ForkSpec spec) => _spec = spec;

    public ForkSpec Spec => _spec;

    public void SetContext(ExecutionState state, BlockEnvironment block, TxEnvironment tx)
    {
        _state = state;
        _block = block;
        _tx = tx;
    }

    public Frame RentFrame()
    {
        Frame f = _pool.Count > 0 ? _pool.Pop() : new Frame();
        f.Reset();
        return f;
    }

    public void ReturnFrame(Frame f)
    {
        f.Input = [];
        f.Code = CodeInfo.Empty;
        _pool.Push(f);
    }

    public static bool IsDelegation(ReadOnlySpan<byte> code) => code.Length == 23 && code.StartsWith(DelegationPrefix);

    /// <summary>Runs a prepared top-level frame (snapshot, value transfer and code execution) to completion.</summary>
    public CallResult Execute(Frame top)
    {
        _frames.Clear();
        if (!Begin(top))
        {
            Finish(top);
            return new CallResult(top.Status, top.Gas, top.Output);
        }
        _frames.Add(top);
        while (true)
        {
            Frame f = _frames[^1];
            EvmStatus st = Run(f);
            if (st == EvmStatus.CallRequested)
            {
                Frame child = f.Child!;
                f.Child = null;
                if (Begin(child))
                {
                    _frames.Add(child);
                    continue;
                }
                Finish(child);
                ApplyChild(f, child);
                ReturnFrame(child);
                continue;
            }
            f.Status = st;
            Finish(f);
            _frames.RemoveAt(_frames.Count - 1);
            if (_frames.Count == 0)
                return new CallResult(f.Status, f.Gas, f.Output);
            ApplyChild(_frames[^1], f);
            ReturnFrame(f);
        }
    }

    /// <summary>Starts a frame; false when it completed without running code (precompile, empty code).</summary>
    private bool Begin(Frame f)
    {
        f.Snapshot = _state.Snapshot();
        if (f.IsCreate)
        {
            _state.CreateContractAccount(f.Target);
            _state.IncrementNonce(f.Target);
        }
        _state.Touch(f.Target);
        if (f.TransferValue && !f.Value.IsZero)
            _state.Transfer(f.Caller, f.Target, f.Value);

        if (!f.IsCreate && !f.DisablePrecompiles && _spec.Precompiles.TryGet(f.CodeAddress, out IPrecompile? pc))
        {
            long cost = pc!.RequiredGas(f.Input);
            if (cost < 0 || cost > f.Gas) f.Status = EvmStatus.OutOfGas;
            else if (!pc.TryRun(f.Input, out byte[] output)) f.Status = EvmStatus.PrecompileFailure;
            else
            {
                f.Gas -= cost;
                f.Output = output;
                f.Status = EvmStatus.Success;
            }
            Tracer?.OnPrecompile(f);
            return false;
        }
        if (f.Code.Code.Length == 0)
        {
            f.Status = EvmStatus.Success;
            return false;
        }
        f.Status = EvmStatus.Running;
        return true;
    }

    private void Finish(Frame f)
    {
        if (f.Status == EvmStatus.Success && f.IsCreate)
        {
            byte[] code = f.Output;
            long deposit = (long)code.Length * GasCost.CodeDeposit;
            if (code.Length > 0 && code[0] == 0xEF) f.Status = EvmStatus.InvalidCodePrefix;
            else if (deposit > f.Gas) f.Status = EvmStatus.OutOfGas;
            else if (code.Length > _spec.MaxCodeSize) f.Status = EvmStatus.CodeSizeExceeded;
            else
            {
                f.Gas -= deposit;
                _state.SetCode(f.Target, code);
            }
        }
        if (f.Status != EvmStatus.Success)
        {
            if (f.Status != EvmStatus.Revert)
            {
                f.Gas = 0;
                f.Output = [];
            }
            _state.Revert(f.Snapshot);
        }
    }

    private static void ApplyChild(Frame parent, Frame child)
    {
        parent.Gas += child.Gas;
        bool ok = child.Status == EvmStatus.Success;
        if (child.IsCreate)
        {
            parent.ReturnData = ok ? [] : child.Output;
            parent.Stack[parent.Sp++] = ok ? FromAddress(child.Target) : default;
        }
        else
        {
            parent.ReturnData = child.Output;
            parent.Stack[parent.Sp++] = ok ? UInt256.One : default;
            int n = (int)Math.Min(parent.OutSize, (ulong)child.Output.Length);
            if (n > 0) child.Output.AsSpan(0, n).CopyTo(parent.Memory.Span.Slice((int)parent.OutOffset, n));
        }
    }

    // ------------------------------------------------------------------ helpers

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Address ToAddress(in UInt256 w)
    {
        Span<byte> b = stackalloc byte[32];
        w.WriteBigEndian(b);
        return new Address(b[12..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 FromAddress(in Address a)
    {
        Span<byte> b = stackalloc byte[32];
        b[..12].Clear();
        Address copy = a;
        copy.Bytes.CopyTo(b[12..]);
        return UInt256.FromBigEndian(b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static UInt256 FromHash(in Hash256 h)
    {
        Hash256 copy = h;
        return UInt256.FromBigEndian(copy.Bytes);
    }

    private static ulong Words(ulong size) => (size + 31) / 32;

    /// <summary>Copies src[offset..offset+size) into dest with zero padding past the end of src.</summary>
    private static void PaddedCopy(Span<byte> dest, ReadOnlySpan<byte> src, in UInt256 offset)
    {
        if (dest.Length == 0) return;
        if (!offset.IsUInt64 || offset.U0 >= (ulong)src.Length)
        {
            dest.Clear();
            return;
        }
        int start = (int)offset.U0;
        int n = Math.Min(dest.Length, src.Length - start);
        src.Slice(start, n).CopyTo(dest);
        dest[n..].Clear();
    }

    private long AccessAccount(in Address address) =>
        _state.WarmUp(address) ? GasCost.ColdAccountAccess : GasCost.WarmAccess;

    private CodeInfo LoadCode(in Address address)
    {
        byte[] code = _state.GetCode(address);
        return code.Length == 0 ? CodeInfo.Empty : CodeInfo.Get(_state.GetCodeHash(address), code);
    }

    public static Address CreateAddress(in Address sender, ulong nonce)
    {
        int content = 21 + Tachyon.Core.Rlp.Rlp.LengthOf(nonce);
        Span<byte> buf = stackalloc byte[64];
        var w = new Tachyon.Core.Rlp.RlpWriter(buf);
        w.WriteListHeader(content);
        w.WriteAddress(sender);
        w.WriteUInt64(nonce);
        Span<byte> h = stackalloc byte[32];
        Keccak256.Hash(w.Written, h);
        return new Address(h[12..]);
    }

    public static Address Create2Address(in Address sender, in UInt256 salt, ReadOnlySpan<byte> initCode)
    {
        Span<byte> buf = stackalloc byte[85];
        buf[0] = 0xff;
        Address s = sender;
        s.Bytes.CopyTo(buf[1..]);
        salt.WriteBigEndian(buf.Slice(21, 32));
        Keccak256.Hash(initCode, buf.Slice(53, 32));
        Span<byte> h = stackalloc byte[32];
        Keccak256.Hash(buf, h);
        return new Address(h[12..]);
    }
}
