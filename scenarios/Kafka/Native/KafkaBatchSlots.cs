namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// The batches with messages in librdkafka, by slot id: the id travels as each message's opaque, so a
/// delivery report finds its batch with an array index instead of a GCHandle. Each slot keeps its batch object
/// for reuse (<see cref="KafkaBatch"/>), so a message allocates nothing. A slot is freed when the batch's last
/// report arrived and its waiter read the response (a cancelled batch keeps its slot until its reports came),
/// and freed ids are reused, so the table grows only to the most batches ever in flight at once.
/// </summary>
internal sealed class KafkaBatchSlots
{
    private readonly Lock _gate = new();
    private KafkaBatch?[] _batches; // the rented ones
    private KafkaBatch?[] _spares; // every slot's batch object, rented or not
    private int[] _free;
    private int _freeCount;
    private int _highWater;
    private bool _drained;

    public KafkaBatchSlots(int initialCapacity = 64)
    {
        _batches = new KafkaBatch?[Math.Max(1, initialCapacity)];
        _spares = new KafkaBatch?[_batches.Length];
        _free = new int[_batches.Length];
    }

    /// <summary>Slots handed out so far that were not released.</summary>
    public int InUse { get { lock (_gate) return _highWater - _freeCount; } }

    public int Capacity => Volatile.Read(ref _batches).Length;

    /// <summary>A batch in a free slot (its <see cref="KafkaBatch.Slot"/>), made new; after <see cref="Drain"/>, one used once.</summary>
    public KafkaBatch Rent(int size, long messageBytes, KafkaBatchTally? tally)
    {
        lock (_gate)
        {
            if (_drained) return new KafkaBatch(size, messageBytes, tally);
            var id = _freeCount > 0 ? _free[--_freeCount] : _highWater++;
            if (id == _batches.Length) Grow();
            var batch = _spares[id] ??= new KafkaBatch(this, id);
            batch.Reset(size, messageBytes, tally);
            _batches[id] = batch;
            return batch;
        }
    }

    /// <summary>The batch in a rented slot; read on the delivery thread without the lock.</summary>
    public KafkaBatch this[int id] => TryGet(id, out var batch)
        ? batch
        : throw new InvalidOperationException($"Kafka delivery report for free slot {id}");

    public bool TryGet(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KafkaBatch? batch)
    {
        var batches = Volatile.Read(ref _batches);
        batch = (uint)id < (uint)batches.Length ? batches[id] : null;
        return batch is not null;
    }

    /// <summary>Called by the batch itself once its last report arrived and its waiter read the response.</summary>
    public void Release(int id)
    {
        lock (_gate)
        {
            if (_drained) return;
            _batches[id] = null;
            _free[_freeCount++] = id;
        }
    }

    /// <summary>The batches whose reports have not all arrived (a snapshot: when the run stops).</summary>
    public KafkaBatch[] Outstanding()
    {
        lock (_gate) return _batches.OfType<KafkaBatch>().ToArray();
    }

    /// <summary>
    /// Empties the table for good and returns the batches still waiting for reports (at shutdown). Their objects are
    /// not reused: a later rent gets a batch used once.
    /// </summary>
    public IReadOnlyList<KafkaBatch> Drain()
    {
        lock (_gate)
        {
            var waiting = _batches.OfType<KafkaBatch>().ToArray();
            Array.Clear(_batches);
            Array.Clear(_spares);
            _freeCount = 0;
            _highWater = 0;
            _drained = true;
            return waiting;
        }
    }

    private void Grow()
    {
        // A new array (not resized in place) so a lock-free reader sees either the old or the complete new one.
        var grown = new KafkaBatch?[_batches.Length * 2];
        Array.Copy(_batches, grown, _batches.Length);
        Array.Resize(ref _spares, grown.Length);
        Array.Resize(ref _free, grown.Length);
        Volatile.Write(ref _batches, grown);
    }
}
