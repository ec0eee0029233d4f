using System.Globalization;
using Tachyon.Core.Crypto;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>web3_*, net_* and the trivial eth_* methods.</summary>
public static class Web3Methods
{
    public static void Register(RpcMethodRegistry r)
    {
        r.Register("web3_clientVersion", (c, p) => { p.AtMost(0); return c.Options.ClientVersion; });
        r.Register("web3_sha3", (c, p) =>
        {
            p.AtMost(1);
            byte[] data = p.Data(0, "data");
            return RpcHex.Data(Keccak256.Compute(data).Bytes);
        });
        r.Register("net_version", (c, p) => { p.AtMost(0); return c.Backend.ChainId.ToString(CultureInfo.InvariantCulture); });
        r.Register("net_listening", (c, p) => { p.AtMost(0); return true; });
        r.Register("net_peerCount", (c, p) => { p.AtMost(0); return RpcResult.Quantity(0); });
        r.Register("eth_chainId", (c, p) => { p.AtMost(0); return RpcResult.Quantity(c.Backend.ChainId); });
        r.Register("eth_blockNumber", (c, p) => { p.AtMost(0); return RpcResult.Quantity(c.Backend.HeadNumber); });
        r.Register("eth_syncing", (c, p) => { p.AtMost(0); return false; });
        r.Register("eth_mining", (c, p) => { p.AtMost(0); return false; });
        r.Register("eth_hashrate", (c, p) => { p.AtMost(0); return RpcResult.Quantity(0); });
        r.Register("eth_accounts", (c, p) =>
        {
            p.AtMost(0);
            IReadOnlyList<DevAccount> accounts = c.Backend.DevAccounts;
            return RpcResult.From(new JsonResult(w =>
            {
                w.WriteStartArray();
                foreach (DevAccount a in accounts) w.WriteDataValue(a.Address.Bytes);
                w.WriteEndArray();
            }));
        });
    }
}
