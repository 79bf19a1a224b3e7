using DocPipeline.Durable.Sqlite;

namespace DocPipeline.Tests.Durable.Sqlite;

/// <summary>The SQLite store's writer lock: client calls go first, worker steps still get turns, cancellation.</summary>
public sealed class WriteGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task QueuedClientCall_GoesAheadOfWorkerStepsQueuedEarlier()
    {
        var gate = new WriteGate();
        await gate.EnterAsync(client: false);
        var order = new List<string>();
        var worker1 = Record(gate, client: false, "worker-1", order);
        var worker2 = Record(gate, client: false, "worker-2", order);
        var client = Record(gate, client: true, "client", order);

        gate.Exit();
        await Task.WhenAll(worker1, worker2, client).WaitAsync(Timeout);

        Assert.Equal(["client", "worker-1", "worker-2"], order);
    }

    [Fact]
    public async Task ClientAndWorkerBothQueued_TakeTurns()
    {
        var gate = new WriteGate();
        await gate.EnterAsync(client: true);
        var order = new List<string>();
        var waiters = new List<Task>();
        for (var i = 1; i <= 3; i++)
        {
            waiters.Add(Record(gate, client: true, $"client-{i}", order));
            waiters.Add(Record(gate, client: false, $"worker-{i}", order));
        }

        gate.Exit();
        await Task.WhenAll(waiters).WaitAsync(Timeout);

        // The holder was a client call, so a worker step goes next; then they alternate while both wait.
        Assert.Equal(["worker-1", "client-1", "worker-2", "client-2", "worker-3", "client-3"], order);
    }

    [Fact]
    public async Task CancelledWaiter_IsSkipped_AndTheLockPassesOn()
    {
        var gate = new WriteGate();
        await gate.EnterAsync(client: false);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(client: true, cancel.Token);
        var order = new List<string>();
        var next = Record(gate, client: false, "worker", order);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        gate.Exit();
        await next.WaitAsync(Timeout);

        Assert.Equal(["worker"], order);
        Assert.True(gate.EnterAsync(client: false).IsCompletedSuccessfully, "the lock should be free after the last holder left");
    }

    [Fact]
    public async Task ManyConcurrentCallers_HoldTheLockOneAtATime_AndAllGetIt()
    {
        var gate = new WriteGate();
        var inside = 0;
        var maxInside = 0;
        var entered = 0;
        var callers = Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            await gate.EnterAsync(client: i % 3 == 0);
            try
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                await Task.Yield();
                Interlocked.Increment(ref entered);
                Interlocked.Decrement(ref inside);
            }
            finally
            {
                gate.Exit();
            }
        }));

        await Task.WhenAll(callers).WaitAsync(Timeout);

        Assert.Equal(400, entered);
        Assert.Equal(1, maxInside);
    }

    private static async Task Record(WriteGate gate, bool client, string name, List<string> order)
    {
        await gate.EnterAsync(client);
        lock (order)
        {
            order.Add(name);
        }

        gate.Exit();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
