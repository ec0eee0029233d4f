using System.Collections.Concurrent;
using Tachyon.Core.Blocks;
using Tachyon.Core.Types;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.State;
using Tachyon.Rpc.Backend;
using CallResult = Tachyon.Rpc.Backend.CallResult;

namespace Tachyon.Sequencer.Backend;

internal sealed partial class SequencerBackend
{
    // Interpreters are not thread-safe; requests run concurrently, so each takes one from here.
    private readonly ConcurrentBag<CallRunner> _runners = new();

    public ValueTask<CallResult?> CallAsync(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides, CancellationToken cancellationToken) =>
        RunCall(call, block, overrides, (runner, reader, env, cap) => runner.Call(reader, env, call, cap));

    public ValueTask<CallResult?> EstimateGasAsync(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides, CancellationToken cancellationToken) =>
        RunCall(call, block, overrides, (runner, reader, env, cap) => runner.Estimate(reader, env, call, cap, cancellationToken));

    private ValueTask<CallResult?> RunCall(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides,
        Func<CallRunner, IStateReader, BlockEnvironment, ulong, CallResult> run)
    {
        foreach (var o in overrides?.Values ?? [])
            if (o.MovePrecompileToAddress is not null) return new(CallResult.Fail("movePrecompileToAddress is not supported"));
        if (StateAt(block) is not { } reader || EnvironmentAt(block) is not { } env) return new((CallResult?)null);
        if (overrides is { Count: > 0 }) reader = new OverrideReader(reader, overrides);
        ulong cap = Math.Min(options.RpcGasCap ?? ulong.MaxValue, (ulong)env.GasLimit);
        CallRunner runner = _runners.TryTake(out CallRunner? r) ? r : new CallRunner();
        try
        {
            return new(run(runner, reader, env, cap));
        }
        finally
        {
            _runners.Add(runner);
        }
    }

    /// <summary>The block context a call runs in: the open block's for latest/pending, else the sealed block's.</summary>
    private BlockEnvironment? EnvironmentAt(BlockSelector block)
    {
        if (block.Kind is BlockSelectorKind.Latest or BlockSelectorKind.Pending) return producer.Current.Environment;
        if (ResolveBlockNumber(block) is not ulong n || index.GetHeader(n) is not { } h) return null;
        return new BlockEnvironment
        {
            Coinbase = h.Coinbase,
            Number = h.Number,
            Timestamp = h.Timestamp,
            GasLimit = (long)h.GasLimit,
            BaseFee = h.BaseFeePerGas ?? default,
            PrevRandao = Tachyon.Core.Numerics.UInt256.FromBigEndian(h.MixHash.Bytes),
            ChainId = ChainId,
            BlockHashProvider = number => index.GetHeader(number)?.Hash ?? Hash256.Zero,
        };
    }
}
