using System.Text;
using Tachyon.Load.Rpc;

namespace Tachyon.Load.Tests;

/// <summary>Writes made while a reader dispatches leave together before its next read; all others leave at once; a failed send fails the stream.</summary>
public sealed class CoalescingStreamTests
{
    /// <summary>Records every write it gets; reads return the queued chunks, then block until cancelled.</summary>
    private sealed class RecordingStream : Stream
    {
        public List<string> Writes { get; } = [];
        public Queue<byte[]> Reads { get; } = new();
        public bool FailWrites { get; set; }
        public bool Disposed { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (FailWrites) return ValueTask.FromException(new IOException("connection reset"));
            Writes.Add(Encoding.ASCII.GetString(buffer.Span));
            return default;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (Reads.Count == 0) return new ValueTask<int>(Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => 0, TaskScheduler.Default));
            byte[] next = Reads.Dequeue();
            next.CopyTo(buffer);
            return new ValueTask<int>(next.Length);
        }

        protected override void Dispose(bool disposing) => Disposed = true;
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => 0;
        public override long Position { get => 0; set { } }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static ValueTask Write(Stream s, string text) => s.WriteAsync(Encoding.ASCII.GetBytes(text));

    [Fact]
    public async Task Writes_outside_a_dispatch_go_out_at_once()
    {
        var inner = new RecordingStream();
        var s = new CoalescingStream(inner);
        await Write(s, "a");
        await Write(s, "b");
        Assert.Equal(["a", "b"], inner.Writes);
    }

    [Fact]
    public async Task Writes_during_a_dispatch_leave_in_one_write_before_the_readers_next_read()
    {
        var reader = new RecordingStream();
        var other = new RecordingStream();
        var mine = new CoalescingStream(reader);
        var theirs = new CoalescingStream(other);
        reader.Reads.Enqueue([1, 2, 3]);
        using (mine.Deferred.Enter())
        {
            await Write(mine, "req1;");
            await Write(theirs, "x;");
            await Write(mine, "req2;");
        }
        Assert.Empty(reader.Writes);
        Assert.Empty(other.Writes);

        // The reader's next read first sends each stream's gathered bytes, as one write per stream.
        var buffer = new byte[8];
        Assert.Equal(3, await mine.ReadAsync(buffer));
        Assert.Equal(["req1;req2;"], reader.Writes);
        Assert.Equal(["x;"], other.Writes);
        Assert.True(mine.Deferred.IsEmpty);

        await Write(mine, "req3;");
        Assert.Equal(["req1;req2;", "req3;"], reader.Writes);
    }

    [Fact]
    public async Task A_failed_send_fails_later_writes_and_closes_the_socket_stream()
    {
        var inner = new RecordingStream { FailWrites = true };
        var s = new CoalescingStream(inner);
        await Assert.ThrowsAsync<IOException>(async () => await Write(s, "a"));
        Assert.True(inner.Disposed);
        IOException later = await Assert.ThrowsAsync<IOException>(async () => await Write(s, "b"));
        Assert.Contains("connection reset", later.Message);
    }

    [Fact]
    public async Task A_failed_deferred_send_does_not_break_the_reader_that_flushes_it()
    {
        var reader = new RecordingStream();
        var broken = new RecordingStream { FailWrites = true };
        var mine = new CoalescingStream(reader);
        var theirs = new CoalescingStream(broken);
        reader.Reads.Enqueue([9]);
        using (mine.Deferred.Enter()) await Write(theirs, "lost");
        Assert.Equal(1, await mine.ReadAsync(new byte[4]));
        Assert.True(broken.Disposed); // its own reader now fails its requests
    }
}
