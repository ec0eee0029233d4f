using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Load.Chain;
using Tachyon.Load.Cli;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Load.Load;

public enum WorkloadKind { Transfer, Erc20, Swap }

/// <summary>
/// What each account sends. transfer/erc20: accounts form a ring, account i sends 1 wei or 1 token
/// to account i+1, so balances stay put and every transaction is valid in any interleaving.
/// swap: account i swaps a small amount in pool i mod <see cref="SwapPools"/> of our AMM (pools
/// seeded deep enough that no run drains them), direction by account parity.
/// </summary>
public sealed class Workload
{
    public const ulong TransferGas = 21_000;
    public const ulong TokenTransferGas = 100_000;
    public const ulong SwapGas = 150_000;
    public const int SwapPools = 8;
    private static readonly UInt256 PoolReserve = UInt256.Parse("1000000000000000000000000000");

    private readonly LoadAccount[] _accounts;
    private readonly byte[][]? _callData; // per account: transfer(next, 1) or swap(pool, amount, direction)

    public WorkloadKind Kind { get; }
    public Address? Contract { get; }

    internal Workload(WorkloadKind kind, LoadAccount[] accounts, Address? contract)
    {
        Kind = kind;
        _accounts = accounts;
        Contract = contract;
        if (kind == WorkloadKind.Transfer) return;
        _callData = new byte[accounts.Length][];
        for (int i = 0; i < accounts.Length; i++)
            _callData[i] = kind == WorkloadKind.Erc20
                ? Erc20.TransferData(Next(i), UInt256.One)
                : ConstantProductAmm.SwapData(i % SwapPools, 1_000_000, oneForZero: (i & 1) == 1);
    }

    public ulong GasLimit => Kind switch
    {
        WorkloadKind.Transfer => TransferGas,
        WorkloadKind.Erc20 => TokenTransferGas,
        _ => SwapGas,
    };

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
        Address? contract = null;
        if (kind == WorkloadKind.Erc20)
        {
            log("deploying the ERC-20 token");
            contract = await s.DeployTokenAsync(UInt256.Parse("1000000000000000000000000000000")).ConfigureAwait(false);
            log($"token at {contract}");
        }
        else if (kind == WorkloadKind.Swap)
        {
            log($"deploying the AMM with {SwapPools} pools");
            contract = await s.DeployAsync(InitCode.AmmWithPools(SwapPools, PoolReserve), "the AMM").ConfigureAwait(false);
            log($"AMM at {contract}");
        }
        var w = new Workload(kind, accounts, contract);
        // Gas for every transaction at the max fee, the values sent, and 10% slack.
        UInt256 perAccount = w.GasLimit * s.Fees.MaxFeeCap * (ulong)txsPerAccount + (ulong)txsPerAccount;
        perAccount += perAccount / 10 + 1;
        log($"funding {accounts.Length} accounts with {perAccount} wei each");
        await s.FundAsync(accounts, perAccount).ConfigureAwait(false);
        if (kind == WorkloadKind.Erc20 && contract is Address token)
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
        _ => (Contract!.Value, UInt256.Zero, _callData![account]),
    };
}
