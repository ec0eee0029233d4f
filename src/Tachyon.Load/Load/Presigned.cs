using Tachyon.Core.Types;
using Tachyon.Load.Chain;
using Tachyon.Load.Rpc;

namespace Tachyon.Load.Load;

/// <summary>
/// Every transaction of a run, signed up front on all cores, as ready-to-send JSON-RPC request
/// bodies. Transaction j belongs to account j % K and is that account's (j / K)-th: sending in
/// index order visits accounts round-robin with each account's nonces in order.
/// </summary>
public sealed class Presigned
{
    public byte[][] Bodies { get; }
    public Hash256[] Hashes { get; }
    public int Accounts { get; }
    public int Rounds { get; }
    public int Count => Bodies.Length;

    private readonly Dictionary<Hash256, int> _index;

    private Presigned(byte[][] bodies, Hash256[] hashes, int accounts, int rounds)
    {
        Bodies = bodies;
        Hashes = hashes;
        Accounts = accounts;
        Rounds = rounds;
        _index = new Dictionary<Hash256, int>(hashes.Length);
        for (int i = 0; i < hashes.Length; i++) _index[hashes[i]] = i;
    }

    /// <summary>The run's index of a transaction hash, or -1 when the transaction is not ours.</summary>
    public int IndexOf(in Hash256 hash) => _index.TryGetValue(hash, out int i) ? i : -1;

    /// <summary>
    /// Read-only calls laid out like a run of transactions (<paramref name="accounts"/> × <paramref name="rounds"/>,
    /// ids 0..n-1): a warm-up sends them through the same client code before a timed run.
    /// </summary>
    public static Presigned Calls(int accounts, int rounds, string method, string paramsJson)
    {
        var bodies = new byte[accounts * rounds][];
        var hashes = new Hash256[bodies.Length];
        for (int j = 0; j < bodies.Length; j++) bodies[j] = RpcRequest.Build(j, method, paramsJson);
        return new Presigned(bodies, hashes, accounts, rounds);
    }

    /// <param name="method">eth_sendRawTransaction or eth_sendRawTransactionSync: baked into the bodies.</param>
    public static Presigned Sign(FeePlan fees, ulong chainId, LoadAccount[] accounts, Workload w, int rounds, string method)
    {
        int k = accounts.Length;
        var bodies = new byte[k * rounds][];
        var hashes = new Hash256[k * rounds];
        ulong gas = w.GasLimit;
        Parallel.For(0, k, a =>
        {
            LoadAccount acct = accounts[a];
            var (to, value, data) = w.Call(a);
            for (int r = 0; r < rounds; r++)
            {
                int j = r * k + a;
                SignedTx tx = SignedTx.Sign(fees.Unsigned(chainId, acct.Nonce + (ulong)r, to, value, data, gas), acct.Key);
                bodies[j] = RpcRequest.SendRaw(j, method, tx.Raw);
                hashes[j] = tx.Hash;
            }
        });
        return new Presigned(bodies, hashes, k, rounds);
    }
}
