using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Load.Chain;
using Tachyon.Load.Cli;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Load.Load;

public enum WorkloadKind { Transfer, Erc20, Swap }

/// <summary>
/// What each account sends. Accounts form a ring: account i sends to account i+1 (1 wei, or
/// 1 token), so balances stay put and every transaction of a run is valid in any interleaving.
/// </summary>
public sealed class Workload
{
    public const ulong TransferGas = 21_000;
    public const ulong TokenTransferGas = 100_000;

    private readonly LoadAccount[] _accounts;
    private readonly byte[][]? _tokenData; // per account: transfer(next, 1)

    public WorkloadKind Kind { get; }
    public Address? Contract { get; }

    internal Workload(WorkloadKind kind, LoadAccount[] accounts, Address? contract)
    {
        Kind = kind;
        _accounts = accounts;
        Contract = contract;
        if (kind == WorkloadKind.Erc20)
        {
            _tokenData = new byte[accounts.Length][];
            for (int i = 0; i < accounts.Length; i++) _tokenData[i] = Erc20.TransferData(Next(i), UInt256.One);
        }
    }

    public ulong GasLimit => Kind == WorkloadKind.Transfer ? TransferGas : TokenTransferGas;

    public static WorkloadKind Parse(string s) => s switch
    {
        "transfer" => WorkloadKind.Transfer,
        "erc20" => WorkloadKind.Erc20,
        "swap" => WorkloadKind.Swap,
        _ => throw new UsageException($"--workload must be transfer, erc20 or swap, not '{s}'"),
    };

    /// <summary>Deploys what the workload needs and funds the accounts for <paramref name="txsPerAccount"/> transactions each.</summary>
    public static async Task<Workload> PrepareAsync(WorkloadKind kind, ChainSession s, LoadAccount[] accounts, int txsPerAccount, Action<string> log)
    {
        if (kind == WorkloadKind.Swap)
            throw new UsageException("--workload swap needs the AMM contract of the parallel-execution work, which is not in this build yet");
        Address? contract = null;
        if (kind == WorkloadKind.Erc20)
        {
            log("deploying the ERC-20 token");
            contract = await s.DeployTokenAsync(UInt256.Parse("1000000000000000000000000000000")).ConfigureAwait(false);
            log($"token at {contract}");
        }
        var w = new Workload(kind, accounts, contract);
        // Gas for every transaction at the max fee, the values sent, and 10% slack.
        UInt256 perAccount = w.GasLimit * s.Fees.MaxFeeCap * (ulong)txsPerAccount + (ulong)txsPerAccount;
        perAccount += perAccount / 10 + 1;
        log($"funding {accounts.Length} accounts with {perAccount} wei each");
        await s.FundAsync(accounts, perAccount).ConfigureAwait(false);
        if (contract is Address token)
        {
            log($"giving {accounts.Length} accounts {txsPerAccount} tokens each");
            await s.FundTokensAsync(token, accounts, (ulong)txsPerAccount).ConfigureAwait(false);
        }
        return w;
    }

    public Address Next(int account) => _accounts[(account + 1) % _accounts.Length].Address;

    /// <summary>The call account <paramref name="account"/> makes (the same in every round).</summary>
    public (Address To, UInt256 Value, byte[] Data) Call(int account) => Kind switch
    {
        WorkloadKind.Transfer => (Next(account), UInt256.One, []),
        _ => (Contract!.Value, UInt256.Zero, _tokenData![account]),
    };
}
