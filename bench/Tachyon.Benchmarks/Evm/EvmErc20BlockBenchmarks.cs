using BenchmarkDotNet.Attributes;
using Tachyon.Workloads.Contracts;
using Tachyon.Core.Numerics;
using Tachyon.Evm.Processing;

namespace Tachyon.Benchmarks.Evm;

/// <summary>
/// Full transaction processing: a block of token transfers among many holders, each executed and committed
/// through TransactionProcessor into InMemoryWorldState. Baseline: the same transfers on a C# dictionary ledger.
/// EthTransferBlock is the same ring as plain value transfers: the per-transaction floor without a contract.
/// </summary>
[Config(typeof(GasConfig))]
public class EvmErc20BlockBenchmarks : IGasMetered
{
    private Erc20Block _token = null!;
    private Erc20Block _eth = null!;
    private NativeLedger _ledger = null!;
    private long _tokenGas, _ethGas;

    [Params(1000)]
    public int Transfers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _token = new Erc20Block(Transfers);
        var results = new List<TransactionResult>();
        _tokenGas = _token.Run(results);
        Verify(results);
        if (_token.Run() != _tokenGas) throw new InvalidOperationException("token block gas not deterministic");

        _eth = new Erc20Block(Transfers, ethOnly: true);
        _ethGas = _eth.Run();
        if (_ethGas != 21_000L * Transfers) throw new InvalidOperationException("ETH transfer gas");

        _ledger = new NativeLedger();
        foreach (var h in _token.Holders) _ledger.Mint(h, Erc20Block.InitialBalance);
    }

    /// <summary>One Transfer log per transaction, and the ring leaves every balance (so the supply) unchanged.</summary>
    private void Verify(List<TransactionResult> results)
    {
        UInt256 total = default;
        foreach (var h in _token.Holders)
        {
            UInt256 b = _token.BalanceOf(h);
            if (b != Erc20Block.InitialBalance) throw new InvalidOperationException($"balance of {h} is {b}");
            total += b;
        }
        if (total != Erc20Block.InitialBalance * (ulong)Transfers) throw new InvalidOperationException("supply changed");
        for (int k = 0; k < results.Count; k++)
        {
            var logs = results[k].Logs;
            if (logs.Count != 1 || logs[0].Topics.Count != 3 || logs[0].Topics[0] != Erc20.TransferTopic)
                throw new InvalidOperationException($"tx {k}: expected one Transfer log");
        }
    }

    [Benchmark(Baseline = true)]
    public int NativeLedgerBlock()
    {
        var holders = _token.Holders;
        _ledger.Events.Clear();
        for (int k = 0; k < holders.Length; k++)
            if (!_ledger.Transfer(holders[k], _token.Next(k), Erc20Block.Amount)) throw new InvalidOperationException();
        return _ledger.Events.Count;
    }

    [Benchmark]
    public long TokenTransferBlock() => _token.Run();

    [Benchmark]
    public long EthTransferBlock() => _eth.Run();

    public long? GasPerOperation(string method) => method switch
    {
        nameof(TokenTransferBlock) => _tokenGas,
        nameof(EthTransferBlock) => _ethGas,
        _ => null,
    };
}
