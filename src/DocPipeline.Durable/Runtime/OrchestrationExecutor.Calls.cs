using System.Security.Cryptography;
using System.Text;
using DocPipeline.Durable.History;

namespace DocPipeline.Durable.Runtime;

/// <summary>The calls orchestrator code makes through its context.</summary>
internal sealed partial class OrchestrationExecutor
{
    private int _guidCounter;

    internal Task<HistoryEvent> Schedule(OrchestratorActionKind kind, string name, string? input, DateTime? fireAt = null, string? childInstanceId = null)
    {
        var id = _nextSequence++;
        var open = new OpenTask(kind, name);
        _openTasks.Add(id, open);
        if (kind == OrchestratorActionKind.CreateSubOrchestration)
        {
            childInstanceId ??= $"{InstanceId}:{id:D4}";
        }

        _pendingActions.Add(id, new OrchestratorAction(id, kind, name, input, fireAt, childInstanceId));
        return open.Completion.Task;
    }

    internal int PeekNextSequence() => _nextSequence;

    internal void CancelTimer(int id)
    {
        if (_openTasks.Remove(id, out var open))
        {
            open.Completion.TrySetCanceled();
        }
    }

    internal Task<string?> WaitForEvent(string name, out TaskCompletionSource<string?>? waiter)
    {
        var index = _bufferedEvents.FindIndex(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _bufferedEvents[index];
            _bufferedEvents.RemoveAt(index);
            waiter = null;
            return Task.FromResult(buffered.Input);
        }

        waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(name, out var list))
        {
            _eventWaiters[name] = list = new LinkedList<TaskCompletionSource<string?>>();
        }

        list.AddLast(waiter);
        return waiter.Task;
    }

    internal void CancelWait(string name, TaskCompletionSource<string?> waiter)
    {
        if (_eventWaiters.TryGetValue(name, out var list))
        {
            list.Remove(waiter);
        }
    }

    internal void RequestContinueAsNew(string? input, bool preserveUnprocessedEvents)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = input;
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    /// <summary>A name-based (version 5) UUID from the instance id, the replay-safe time and a counter.</summary>
    internal Guid NewGuid()
    {
        var name = $"{InstanceId}_{CurrentUtcDateTime:O}_{_guidCounter++}";
        Span<byte> hash = stackalloc byte[20];
        var bytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[NamespaceBytes.Length + bytes.Length];
        NamespaceBytes.CopyTo(buffer, 0);
        bytes.CopyTo(buffer, NamespaceBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 UUIDs are defined with; it is not used for security here.
        SHA1.HashData(buffer, hash);
#pragma warning restore CA5350
        var guid = hash[..16].ToArray();
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }

    private static readonly byte[] NamespaceBytes = Guid.Parse("9e952958-5e33-4daf-827f-2fa12937b875").ToByteArray(bigEndian: true);
}
