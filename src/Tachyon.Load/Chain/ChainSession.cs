using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Load.Rpc;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Load.Chain;

/// <summary>
/// A connection to a node plus what every tool reads first (chain id, fees) and the funder
/// account that pays for the setup: deployments and funding of fresh accounts.
/// </summary>
public sealed class ChainSession : IAsyncDisposable
{
    public static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);

    public RpcClient Client { get; }
    public ulong ChainId { get; }
    public FeePlan Fees { get; }
    public LoadAccount Funder { get; }

    private ChainSession(RpcClient client, ulong chainId, FeePlan fees, LoadAccount funder)
    {
        Client = client;
        ChainId = chainId;
        Fees = fees;
        Funder = funder;
    }

    /// <summary>Connects (a few HTTP or WebSocket connections for setup calls) and reads chain id, fees and the funder's nonce.</summary>
    public static async Task<ChainSession> OpenAsync(Uri url, byte[] funderKey, bool legacy, int connections = 4)
    {
        var client = new RpcClient(await IRpcTransport.OpenAsync(url, connections).ConfigureAwait(false));
        try
        {
            ulong chainId = await client.ChainIdAsync().ConfigureAwait(false);
            FeePlan fees = await FeePlan.FromNodeAsync(client, legacy).ConfigureAwait(false);
            var funder = new LoadAccount(funderKey);
            funder.Nonce = await client.NonceAsync(funder.Address).ConfigureAwait(false);
            return new ChainSession(client, chainId, fees, funder);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Signs the next transaction of <paramref name="from"/> (and advances its nonce).</summary>
    public SignedTx Sign(LoadAccount from, Address? to, UInt256 value, ReadOnlyMemory<byte> data, ulong gas) =>
        SignedTx.Sign(Fees.Unsigned(ChainId, from.Nonce++, to, value, data, gas), from.Key);

    /// <summary>Sends the funder's transactions in nonce order and waits until all have succeeded.</summary>
    public async Task<ReceiptSummary[]> SendFromFunderAsync(IReadOnlyList<(Address? To, UInt256 Value, byte[] Data, ulong Gas)> txs)
    {
        var hashes = new Hash256[txs.Count];
        for (int i = 0; i < txs.Count; i++)
        {
            var (to, value, data, gas) = txs[i];
            SignedTx tx = Sign(Funder, to, value, data, gas);
            await Client.CallOkAsync("eth_sendRawTransaction", "[\"" + Hex.ToHex(tx.Raw) + "\"]").ConfigureAwait(false);
            hashes[i] = tx.Hash;
        }
        ReceiptSummary[] receipts = await Receipts.WaitAllAsync(Client, hashes, SetupTimeout).ConfigureAwait(false);
        for (int i = 0; i < receipts.Length; i++)
            if (!receipts[i].Success) throw new InvalidOperationException($"setup transaction {hashes[i]} failed (status 0)");
        return receipts;
    }

    /// <summary>Deploys creation code from the funder; returns the new contract's address after checking it has code.</summary>
    public async Task<Address> DeployAsync(byte[] initCode, string what)
    {
        ReceiptSummary r = (await SendFromFunderAsync([(null, UInt256.Zero, initCode, 3_000_000)]).ConfigureAwait(false))[0];
        if (r.ContractAddress is not Address a) throw new InvalidOperationException($"deploying {what}: the receipt has no contractAddress");
        if ((await Client.CodeAsync(a).ConfigureAwait(false)).Length == 0) throw new InvalidOperationException($"deploying {what}: no code at {a}");
        return a;
    }

    /// <summary>Deploys our ERC-20 with <paramref name="supply"/> minted to the funder.</summary>
    public Task<Address> DeployTokenAsync(UInt256 supply) => DeployAsync(InitCode.Erc20MintingToDeployer(supply), "the ERC-20 token");

    /// <summary>Gives each account <paramref name="wei"/> (checks the funder can pay first).</summary>
    public async Task FundAsync(IReadOnlyList<LoadAccount> accounts, UInt256 wei)
    {
        UInt256 need = wei * (ulong)accounts.Count + Fees.MaxFeeCap * 21_000UL * (ulong)accounts.Count;
        UInt256 have = await Client.BalanceAsync(Funder.Address).ConfigureAwait(false);
        if (have < need)
            throw new InvalidOperationException($"the funder {Funder.Address} has {have} wei, the run needs {need} wei ({accounts.Count} accounts × {wei} wei + fees)");
        var txs = new List<(Address?, UInt256, byte[], ulong)>(accounts.Count);
        foreach (LoadAccount a in accounts) txs.Add((a.Address, wei, [], 21_000));
        await SendFromFunderAsync(txs).ConfigureAwait(false);
    }

    /// <summary>Transfers <paramref name="amount"/> tokens from the funder to each account.</summary>
    public async Task FundTokensAsync(Address token, IReadOnlyList<LoadAccount> accounts, UInt256 amount)
    {
        var txs = new List<(Address?, UInt256, byte[], ulong)>(accounts.Count);
        foreach (LoadAccount a in accounts) txs.Add((token, UInt256.Zero, Erc20.TransferData(a.Address, amount), 100_000));
        await SendFromFunderAsync(txs).ConfigureAwait(false);
    }

    /// <summary>Reads each account's pending nonce (fresh accounts start at 0, but a reused seed may not).</summary>
    public async Task ReadNoncesAsync(IReadOnlyList<LoadAccount> accounts)
    {
        await Parallel.ForAsync(0, accounts.Count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            accounts[i].Nonce = await Client.NonceAsync(accounts[i].Address).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
