using LoadLeak.Correlator.Forensics;

namespace LoadLeak.Tests.Correlator.Forensics;

public class ChunkedQueueTests
{
    [Fact]
    public void Values_come_out_in_order_across_chunk_boundaries_while_interleaved_with_adds()
    {
        var queue = new ChunkedQueue();
        var expected = new Queue<int>();
        var next = 0;
        // Runs of adds and takes of varying lengths cross the 65,536-entry chunk boundary many times.
        for (var round = 0; round < 40; round++)
        {
            for (var i = 0; i < 9000 + (round * 7919 % 50_000); i++)
            {
                queue.Enqueue(next);
                expected.Enqueue(next++);
            }
            for (var i = 0; i < 7000 + (round * 104_729 % 60_000) && expected.Count > 0; i++)
            {
                Assert.True(queue.TryDequeue(out var value));
                Assert.Equal(expected.Dequeue(), value);
            }
            Assert.Equal(expected.Count, queue.Count);
        }
        while (expected.Count > 0)
        {
            Assert.True(queue.TryDequeue(out var value));
            Assert.Equal(expected.Dequeue(), value);
        }
        Assert.False(queue.TryDequeue(out _));
        queue.Enqueue(-5);
        Assert.True(queue.TryDequeue(out var last));
        Assert.Equal(-5, last);
    }

    [Fact]
    public void Chunked_list_keeps_every_value_at_its_index()
    {
        var list = new ChunkedList<WalkLink>();
        for (var i = 0; i < 600_000; i++) Assert.Equal(i, list.Add(new WalkLink(i - 1, (uint)i * 3)));

        Assert.Equal(600_000, list.Count);
        Assert.Equal(new WalkLink(-1, 0), list[0]);
        Assert.Equal(new WalkLink(262_143, 786_432), list[262_144]);
        Assert.Equal(new WalkLink(599_998, 1_799_997), list[599_999]);
    }
}
