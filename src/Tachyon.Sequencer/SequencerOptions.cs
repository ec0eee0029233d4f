using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.State.Storage;

namespace Tachyon.Sequencer;

/// <summary>How a <see cref="SequencerNode"/> runs: where its state lives, its genesis, block timing, pool limits.</summary>
public sealed record SequencerOptions
{
    /// <summary>RocksDB lives here (LayeredState).</summary>
    public required string DataDir { get; init; }

    /// <summary>Written as block 0 on first start; on later starts it must match the stored block 0.</summary>
    public required Tachyon.Core.Chain.Genesis Genesis { get; init; }

    /// <summary>Executed transactions are published as a mini-block this often (only when there are some).</summary>
    public TimeSpan MiniBlockInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>An EVM block is sealed this often, empty or not.</summary>
    public TimeSpan BlockInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Worker threads of the parallel (streaming Block-STM) path; 1 (default) runs every transaction
    /// one by one on the executor thread as it arrives.
    /// </summary>
    public int ExecutionThreads { get; init; } = 1;

    /// <summary>With <see cref="ExecutionThreads"/> above 1: the inbox backlog at which a parallel stream opens (smaller backlogs keep the low-latency one-by-one path).</summary>
    public int StreamMinBacklog { get; init; } = 8;

    /// <summary>Transactions one stream holds at most (it closes and a new one opens when full).</summary>
    public int StreamCapacity { get; init; } = 8192;

    /// <summary>Aborts after which a stream with more aborts than half its executions stops taking transactions until the next mini-block.</summary>
    public int StreamAbortMin { get; init; } = 32;

    /// <summary>
    /// Follow-up nonces in a row that had to wait for their predecessor's commit, after which the stream
    /// closes and the rest of the mini-block runs one by one (nonce chains leave nothing to overlap).
    /// </summary>
    public int StreamMaxChainedWaits { get; init; } = 8;

    /// <summary>Accounts the node signs for (eth_accounts / eth_sendTransaction).</summary>
    public IReadOnlyList<DevAccount> DevAccounts { get; init; } = [];

    /// <summary>Fee recipient of every block.</summary>
    public Address Coinbase { get; init; }

    /// <summary>Gas limit of each block; null takes the genesis gas limit (30M when that is 0).</summary>
    public ulong? BlockGasLimit { get; init; }

    /// <summary>The EIP-1559 base fee never falls below this.</summary>
    public UInt256 MinBaseFee { get; init; } = 1_000_000_000;

    /// <summary>eth_maxPriorityFeePerGas (and the tip part of eth_gasPrice).</summary>
    public UInt256 SuggestedPriorityFee { get; init; } = 1_000_000_000;

    /// <summary>Future-nonce transactions held per sender.</summary>
    public int MaxPoolPerSender { get; init; } = 64;

    /// <summary>Future-nonce transactions held in all.</summary>
    public int MaxPoolTotal { get; init; } = 50_000;

    /// <summary>Blocks whose state stays readable (eth_getBalance at a number, eth_getProof).</summary>
    public int HistoryWindow { get; init; } = 128;

    /// <summary>
    /// Transactions of recent sealed blocks kept decoded in memory (~1 KB each; the newest block always
    /// stays): under sustained load the history window alone would hold millions. Older blocks, once
    /// persisted, are read back from the database. Not larger by default: with 2^20 (a ~1 GB heap of small
    /// objects, old ones freed as new ones come) the GC paused the node 170-440 ms about once a minute under
    /// sustained load; with 2^18 no pause reached 50 ms (docs/benchmarks.md, sustained load).
    /// </summary>
    public int RecentTransactions { get; init; } = DefaultRecentTransactions;

    public const int DefaultRecentTransactions = 1 << 18;

    /// <summary>Sync fsyncs every block; Async survives a process kill but may lose the last blocks on power loss.</summary>
    public DurabilityMode Durability { get; init; } = DurabilityMode.Sync;

    /// <summary>Blocks that may wait for the storage writer before sealing blocks (back-pressure).</summary>
    public int MaxUnpersistedBlocks { get; init; } = 8;

    /// <summary>Gas cap of eth_call / eth_estimateGas when the call names none (null: the block gas limit).</summary>
    public ulong? RpcGasCap { get; init; }
}
