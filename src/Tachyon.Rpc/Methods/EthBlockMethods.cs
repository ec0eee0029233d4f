using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>Blocks, transactions and receipts by number / hash. Unknown items answer null, not an error.</summary>
public static class EthBlockMethods
{
    public static void Register(RpcMethodRegistry r)
    {
        r.Register("eth_getBlockByNumber", (c, p) =>
        {
            p.AtMost(2);
            BlockSelector block = JsonArgs.Block(p.Required(0, "block"), p.PathOf(0, "block"), allowObject: false);
            bool full = p.Bool(1, "hydrated", false);
            return c.Backend.GetBlock(block) is { } info ? RpcResult.From(BlockJson.Result(info, full)) : RpcResult.Null;
        });
        r.Register("eth_getBlockByHash", (c, p) =>
        {
            p.AtMost(2);
            Hash256 hash = p.Hash(0, "blockHash");
            bool full = p.Bool(1, "hydrated", false);
            return c.Backend.GetBlock(BlockSelector.ByHash(hash)) is { } info ? RpcResult.From(BlockJson.Result(info, full)) : RpcResult.Null;
        });
        r.Register("eth_getBlockTransactionCountByNumber", (c, p) =>
        {
            p.AtMost(1);
            BlockSelector block = JsonArgs.Block(p.Required(0, "block"), p.PathOf(0, "block"), allowObject: false);
            return c.Backend.GetBlock(block) is { } info ? RpcResult.Quantity((ulong)info.Transactions.Count) : RpcResult.Null;
        });
        r.Register("eth_getBlockTransactionCountByHash", (c, p) =>
        {
            p.AtMost(1);
            Hash256 hash = p.Hash(0, "blockHash");
            return c.Backend.GetBlock(BlockSelector.ByHash(hash)) is { } info ? RpcResult.Quantity((ulong)info.Transactions.Count) : RpcResult.Null;
        });
        r.Register("eth_getUncleCountByBlockNumber", (c, p) =>
        {
            p.AtMost(1);
            BlockSelector block = JsonArgs.Block(p.Required(0, "block"), p.PathOf(0, "block"), allowObject: false);
            return c.Backend.GetBlock(block) is { } info ? RpcResult.Quantity((ulong)info.Uncles.Count) : RpcResult.Null;
        });
        r.Register("eth_getUncleCountByBlockHash", (c, p) =>
        {
            p.AtMost(1);
            Hash256 hash = p.Hash(0, "blockHash");
            return c.Backend.GetBlock(BlockSelector.ByHash(hash)) is { } info ? RpcResult.Quantity((ulong)info.Uncles.Count) : RpcResult.Null;
        });
        r.Register("eth_getTransactionByHash", (c, p) =>
        {
            p.AtMost(1);
            Hash256 hash = p.Hash(0, "transactionHash");
            return c.Backend.GetTransaction(hash) is { } tx ? RpcResult.From(TransactionJson.Result(tx)) : RpcResult.Null;
        });
        r.Register("eth_getTransactionByBlockNumberAndIndex", (c, p) =>
        {
            p.AtMost(2);
            BlockSelector block = JsonArgs.Block(p.Required(0, "block"), p.PathOf(0, "block"), allowObject: false);
            return ByIndex(c.Backend.GetBlock(block), p.Quantity(1, "index"));
        });
        r.Register("eth_getTransactionByBlockHashAndIndex", (c, p) =>
        {
            p.AtMost(2);
            Hash256 hash = p.Hash(0, "blockHash");
            return ByIndex(c.Backend.GetBlock(BlockSelector.ByHash(hash)), p.Quantity(1, "index"));
        });
        r.Register("eth_getTransactionReceipt", (c, p) =>
        {
            p.AtMost(1);
            Hash256 hash = p.Hash(0, "transactionHash");
            return c.Backend.GetReceipt(hash) is { } receipt ? RpcResult.From(ReceiptJson.Result(receipt)) : RpcResult.Null;
        });
        r.Register("eth_getBlockReceipts", (c, p) =>
        {
            p.AtMost(1);
            BlockSelector block = JsonArgs.Block(p.Required(0, "block"), p.PathOf(0, "block"), allowObject: true);
            return c.Backend.GetBlockReceipts(block) is { } receipts ? RpcResult.From(ReceiptJson.ListResult(receipts)) : RpcResult.Null;
        });
    }

    private static RpcResult ByIndex(BlockInfo? block, ulong index) =>
        block is not null && index < (ulong)block.Transactions.Count
            ? RpcResult.From(TransactionJson.Result(block.Transactions[(int)index]))
            : RpcResult.Null;
}
