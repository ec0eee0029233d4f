using Tachyon.Core.Crypto;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Blocks;

/// <summary>keccak(rlp(list of logs)): the "logs" value state tests compare after running a transaction.</summary>
public static class LogsHash
{
    public static Hash256 Compute(IReadOnlyList<Log> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        int content = Log.ListContentLength(logs);
        var buffer = new byte[RlpCodec.LengthOfList(content)];
        var writer = new RlpWriter(buffer);
        Log.WriteList(ref writer, logs, content);
        return Keccak256.Compute(buffer);
    }
}
