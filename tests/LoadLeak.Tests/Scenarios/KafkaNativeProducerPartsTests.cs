using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using LoadLeak.Scenarios.Kafka;
using LoadLeak.Scenarios.Kafka.Native;

namespace LoadLeak.Tests.Scenarios;

/// <summary>The native Kafka producer's parts that need no broker: struct layouts, slot reuse, report bookkeeping, error names.</summary>
public class KafkaNativeProducerPartsTests
{
    [Fact]
    public void Vu_matches_rdkafka_h_on_x64()
    {
        // rd_kafka_vu_t: enum vtype, then a union padded to 64 bytes (offsets from gcc against librdkafka 2.16's rdkafka.h).
        Assert.Equal(72, Marshal.SizeOf<RdKafkaVu>());
        Assert.Equal(0, (int)Marshal.OffsetOf<RdKafkaVu>(nameof(RdKafkaVu.Type)));
        Assert.Equal(8, (int)Marshal.OffsetOf<RdKafkaVu>(nameof(RdKafkaVu.First)));    // u.rkt, u.ptr, u.mem.ptr, u.header.name
        Assert.Equal(8, (int)Marshal.OffsetOf<RdKafkaVu>(nameof(RdKafkaVu.Int32)));    // u.i32
        Assert.Equal(16, (int)Marshal.OffsetOf<RdKafkaVu>(nameof(RdKafkaVu.Second))); // u.mem.size, u.header.val
        Assert.Equal(24, (int)Marshal.OffsetOf<RdKafkaVu>(nameof(RdKafkaVu.Third)));  // u.header.size
    }

    [Fact]
    public void Vu_factories_set_the_vtype_and_its_union_member()
    {
        var partition = RdKafkaVu.Partition(RdKafkaVu.PartitionAny);
        Assert.Equal((3, -1), (partition.Type, partition.Int32));
        Assert.Equal(-1, BitConverter.ToInt32(MemoryMarshal.AsBytes(new ReadOnlySpan<RdKafkaVu>(in partition)).Slice(8, 4)));
        var opaque = RdKafkaVu.Opaque(1234);
        Assert.Equal((6, (nint)1234), (opaque.Type, opaque.First));
        var topic = RdKafkaVu.Topic(0x7f00);
        Assert.Equal((2, (nint)0x7f00), (topic.Type, topic.First));
    }

    [Fact]
    public void Message_reads_err_and_the_opaque_where_rdkafka_h_puts_them()
    {
        Assert.Equal(72, Marshal.SizeOf<RdKafkaMessage>());
        Assert.Equal(0, (int)Marshal.OffsetOf<RdKafkaMessage>(nameof(RdKafkaMessage.Error)));
        Assert.Equal(64, (int)Marshal.OffsetOf<RdKafkaMessage>(nameof(RdKafkaMessage.Opaque))); // _private
    }

    [Fact]
    public void Slots_are_reused_after_release_and_grow_only_with_batches_in_flight()
    {
        var slots = new KafkaBatchSlots(initialCapacity: 2);
        var a = slots.Rent(1, 10, null);
        var b = slots.Rent(2, 10, null);
        Assert.Equal((0, 1), (a.Slot, b.Slot));
        slots.Release(0);
        var c = slots.Rent(3, 10, null);
        Assert.Same(a, c); // the freed slot and its batch object, made new
        Assert.Equal((0, 3, 30L), (c.Slot, c.Size, c.Bytes));
        Assert.Same(c, slots[0]);
        Assert.Same(b, slots[1]);
        Assert.Equal(2, slots.Capacity);

        Assert.Equal(2, slots.Rent(1, 10, null).Slot); // the third in flight grows the table
        Assert.Equal(4, slots.Capacity);
        Assert.Same(b, slots[1]);
        Assert.Equal(3, slots.InUse);

        slots.Release(1);
        Assert.Throws<InvalidOperationException>(() => slots[1]);
        Assert.Equal([c, slots[2]], slots.Drain());
        Assert.Equal(0, slots.InUse);
        Assert.Equal(-1, slots.Rent(1, 10, null).Slot); // after the drain: a batch used once, outside the table
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public async Task A_reused_batch_frees_its_slot_only_when_its_last_report_came_and_its_waiter_read_the_response()
    {
        var slots = new KafkaBatchSlots();
        var batch = slots.Rent(1, 10, null);
        var first = batch.Completion;
        batch.Cancel(); // the run stopped: the waiter is answered before the report
        var cancelled = await first;
        Assert.Equal(("cancelled", 10L), (cancelled.StatusCode, cancelled.SizeBytes));
        Assert.Equal(1, slots.InUse); // the report may still come: the slot stays
        batch.Report(null, PersistenceStatus.Persisted);
        Assert.Equal(0, slots.InUse);

        var again = slots.Rent(1, 10, null);
        Assert.Same(batch, again);
        var second = again.Completion;
        again.Report(null, PersistenceStatus.Persisted);
        Assert.Equal(1, slots.InUse); // answered, not yet read
        var ok = await second;
        Assert.Equal((true, "Persisted", 10L, (double?)null), (ok.IsOk, ok.StatusCode, ok.SizeBytes, ok.CustomLatencyMs));
        Assert.Equal(0, slots.InUse);
        var third = slots.Rent(1, 10, null);
        third.Report(null, PersistenceStatus.Persisted);
        Assert.Same(ok, await third.Completion); // a batch of one answers Ok with the same response every time

        var failing = slots.Rent(1, 10, null);
        var failed = failing.Completion;
        failing.Report(new KafkaFailure("Local_MsgTimedOut", "Local: Message timed out"), PersistenceStatus.NotPersisted);
        var timedOut = await failed;
        Assert.Equal((false, "Local_MsgTimedOut", "Local: Message timed out"), (timedOut.IsOk, timedOut.StatusCode, timedOut.Message));
        Assert.Null(timedOut.CustomLatencyMs); // a single message's latency is the engine's measure of the iteration
    }

    [Fact]
    public void A_single_messages_trip_through_a_reused_batch_allocates_nothing()
    {
        var slots = new KafkaBatchSlots();
        long Trips(int count)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < count; i++)
            {
                var batch = slots.Rent(1, 10, null);
                var completion = batch.Completion;
                batch.Report(null, PersistenceStatus.Persisted); // what the delivery callback does
                Assert.True(completion.Result.IsOk); // what the engine's await reads
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Trips(10); // the slot's batch and its cached response are made once
        Assert.Equal(0, Trips(1000));
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public void A_reused_batchs_messages_allocate_nothing_only_its_response_does()
    {
        var slots = new KafkaBatchSlots();
        var tally = new KafkaBatchTally();
        long Trips(int size, int count, bool onlyTheMessages = false)
        {
            long bytes = 0;
            for (var i = 0; i < count; i++)
            {
                var batch = slots.Rent(size, 10, tally);
                var completion = batch.Completion;
                var before = GC.GetAllocatedBytesForCurrentThread();
                batch.SendingEvenly(size, batch.Started, Stopwatch.GetTimestamp()); // what the native producer does
                for (var m = 0; m < size - 1; m++) batch.Report(null, PersistenceStatus.Persisted);
                if (onlyTheMessages) bytes += GC.GetAllocatedBytesForCurrentThread() - before;
                batch.Report(null, PersistenceStatus.Persisted); // the last: tallies and answers with the batch's response
                Assert.True(completion.Result.IsOk);
                if (!onlyTheMessages) bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }
            return bytes;
        }
        Trips(2, 10);
        Trips(500, 10);
        Assert.Equal(0, Trips(500, 100, onlyTheMessages: true));
        Assert.Equal(Trips(2, 100), Trips(500, 100)); // 498 more messages a batch, not one byte more
        Assert.Equal(0, slots.InUse);
        Assert.Equal(10 + 10 + 100 * 3, tally.Read().Batches);
    }

    [Fact]
    public void A_batch_is_done_at_its_last_report_and_keeps_the_first_failure()
    {
        var timedOut = new KafkaFailure("Local_MsgTimedOut", "Local: Message timed out");
        var batch = new KafkaBatch(3);
        for (var i = 0; i < 3; i++) batch.Sending();
        Assert.False(batch.Delivered(null, PersistenceStatus.Persisted, Stopwatch.GetTimestamp()));
        Assert.False(batch.Delivered(timedOut, PersistenceStatus.NotPersisted, Stopwatch.GetTimestamp()));
        Assert.False(batch.Completion.IsCompleted);
        Assert.True(batch.Delivered(null, PersistenceStatus.NotPersisted, Stopwatch.GetTimestamp()));
        Assert.False(batch.Completion.IsCompleted); // the caller completes it
        batch.Complete(batch.Started + 2000);
        Assert.True(batch.Completion.IsCompletedSuccessfully);
        Assert.Equal(2000 * 1000.0 / Stopwatch.Frequency, batch.ElapsedMs, 9);
        Assert.Equal(2, batch.Failed);
        Assert.Same(timedOut, batch.FirstFailure);
        Assert.Equal(3, batch.Sent);
    }

    [Fact]
    public async Task A_batch_answers_its_iteration_once_with_its_outcome_or_cancelled_whichever_comes_first()
    {
        var tally = new KafkaBatchTally();
        var done = new KafkaBatch(2, messageBytes: 10, tally);
        done.SendingEvenly(2, done.Started, done.Started);
        done.Delivered(null, PersistenceStatus.Persisted, done.Started + 10);
        Assert.True(done.Delivered(null, PersistenceStatus.PossiblyPersisted, done.Started + 20));
        done.Complete(done.Started + 20);
        done.Cancel(); // too late: the outcome stands
        Assert.True(done.Completion.IsCompletedSuccessfully);
        var ok = await done.Completion;
        Assert.Equal((true, "PossiblyPersisted", 2, 20L), (ok.IsOk, ok.StatusCode, ok.Count, ok.SizeBytes));

        using var stop = new CancellationTokenSource();
        var cancelled = new KafkaBatch(1, messageBytes: 10, tally);
        cancelled.CancelOn(stop.Token);
        stop.Cancel();
        Assert.True(cancelled.Delivered(null, PersistenceStatus.Persisted, cancelled.Started + 10)); // its report comes after all
        cancelled.Complete(cancelled.Started + 10);
        Assert.True(cancelled.Completion.IsCompletedSuccessfully);
        var answer = await cancelled.Completion;
        Assert.Equal((false, "cancelled", 1), (answer.IsOk, answer.StatusCode, answer.Count));
        Assert.Equal("the run stopped before the delivery report", answer.Message);
        Assert.Equal(1, tally.Read().Batches); // only the batch that answered with its outcome
    }

    [Fact]
    public void An_abandoned_batch_completes_when_its_sent_messages_were_reported()
    {
        var queueFull = new KafkaFailure("Local_QueueFull", "Local: Queue full");
        var batch = new KafkaBatch(4);
        batch.Sending();
        batch.Sending();
        batch.Sending();
        Assert.False(batch.Abandon(2, queueFull)); // message 2 refused: 2 and 3 never sent, 0 and 1 still out
        Assert.False(batch.Delivered(null, PersistenceStatus.Persisted, Stopwatch.GetTimestamp()));
        Assert.True(batch.Delivered(null, PersistenceStatus.PossiblyPersisted, Stopwatch.GetTimestamp()));
        Assert.Equal((2, 2, true), (batch.Sent, batch.Failed, batch.AnyPossiblyPersisted));

        var nothingSent = new KafkaBatch(2);
        nothingSent.Sending();
        Assert.True(nothingSent.Abandon(0, queueFull));
        Assert.True(nothingSent.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public void Evenly_timed_sends_give_each_message_its_share_of_the_send_window()
    {
        var batch = new KafkaBatch(4);
        batch.SendingEvenly(4, batch.Started, batch.Started + 3000); // sends at 0, 1000, 2000, 3000 ticks: mean 1500
        for (var i = 0; i < 4; i++) batch.Delivered(null, PersistenceStatus.Persisted, batch.Started + 11_500);
        Assert.Equal(10_000 * 1000.0 / Stopwatch.Frequency, batch.MeanMessageMs, 9);

        var refused = new KafkaBatch(4);
        refused.SendingEvenly(4, refused.Started, refused.Started + 3000);
        refused.SendingEvenly(2, refused.Started, refused.Started + 2000); // message 2 refused: only 0 and 1 went out
        Assert.False(refused.Abandon(2, new KafkaFailure("Local_QueueFull", "Local: Queue full")));
        refused.Delivered(null, PersistenceStatus.Persisted, refused.Started + 4000);
        Assert.True(refused.Delivered(null, PersistenceStatus.Persisted, refused.Started + 4000));
        Assert.Equal(3000 * 1000.0 / Stopwatch.Frequency, refused.MeanMessageMs, 9);
    }

    [Theory]
    [InlineData(-192, "Local_MsgTimedOut")]
    [InlineData(-184, "Local_QueueFull")]
    [InlineData(7, "RequestTimedOut")]
    [InlineData(-12345, "native:-12345")]
    public void Error_names_are_confluents_or_else_librdkafkas(int code, string name)
    {
        Assert.Equal(name, KafkaErrors.Name(code, c => "native:" + c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
