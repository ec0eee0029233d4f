using Tachyon.Core.Rlp;
using Tachyon.Core.Types;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Blocks;

/// <summary>An event log: the emitting contract, up to four topics (LOG0..LOG4) and opaque data. RLP: [address, [topics], data].</summary>
public sealed class Log : IEquatable<Log>
{
    public Log(Address address, IReadOnlyList<Hash256> topics, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        Address = address;
        Topics = topics;
        Data = data;
    }

    public Address Address { get; }
    public IReadOnlyList<Hash256> Topics { get; }
    public ReadOnlyMemory<byte> Data { get; }

    private int ContentLength => RlpCodec.LengthOf(Address) + RlpCodec.LengthOfList(Topics.Count * 33) + RlpCodec.LengthOf(Data.Span);

    public int RlpLength => RlpCodec.LengthOfList(ContentLength);

    public void WriteTo(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        writer.WriteAddress(Address);
        writer.WriteListHeader(Topics.Count * 33);
        foreach (Hash256 topic in Topics) writer.WriteHash(topic);
        writer.WriteBytes(Data.Span);
    }

    public byte[] Encode()
    {
        var output = new byte[RlpLength];
        var writer = new RlpWriter(output);
        WriteTo(ref writer);
        return output;
    }

    public static Log ReadFrom(ref RlpReader reader)
    {
        RlpReader fields = reader.ReadList();
        Address address = fields.ReadAddress();
        RlpReader topicReader = fields.ReadList();
        var topics = new List<Hash256>();
        while (topicReader.HasMore) topics.Add(topicReader.ReadHash());
        byte[] data = fields.ReadBytes().ToArray();
        fields.EnsureEnd();
        return new Log(address, topics.ToArray(), data);
    }

    public static Log Decode(ReadOnlySpan<byte> rlp)
    {
        var reader = new RlpReader(rlp);
        Log log = ReadFrom(ref reader);
        reader.EnsureEnd();
        return log;
    }

    /// <summary>Content length of the RLP list of <paramref name="logs"/> (shared by receipts and the logs hash).</summary>
    internal static int ListContentLength(IReadOnlyList<Log> logs)
    {
        int length = 0;
        foreach (Log log in logs) length += log.RlpLength;
        return length;
    }

    internal static void WriteList(ref RlpWriter writer, IReadOnlyList<Log> logs, int contentLength)
    {
        writer.WriteListHeader(contentLength);
        foreach (Log log in logs) log.WriteTo(ref writer);
    }

    internal static Log[] ReadList(ref RlpReader reader)
    {
        RlpReader items = reader.ReadList();
        var logs = new List<Log>();
        while (items.HasMore) logs.Add(ReadFrom(ref items));
        return logs.ToArray();
    }

    public bool Equals(Log? other) =>
        other is not null
        && Address == other.Address
        && Topics.SequenceEqual(other.Topics)
        && Data.Span.SequenceEqual(other.Data.Span);

    public override bool Equals(object? obj) => Equals(obj as Log);

    public override int GetHashCode() => HashCode.Combine(Address, Topics.Count, Data.Length);

    public override string ToString() => $"Log({Address}, {Topics.Count} topics, {Data.Length} bytes)";
}
