using DocPipeline.Durable.Runtime;

namespace DocPipeline.Durable.Worker;

/// <summary>Live executors kept between steps, least recently used evicted first.</summary>
internal sealed class InstanceCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<OrchestrationExecutor>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationExecutor> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    public OrchestrationExecutor? TryTake(string instanceId, string executionId, long version)
    {
        lock (_lock)
        {
            if (!_map.Remove(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            var executor = node.Value;
            return executor.ExecutionId == executionId && executor.Version == version ? executor : null;
        }
    }

    public void Put(OrchestrationExecutor executor)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_map.Remove(executor.InstanceId, out var old))
            {
                _order.Remove(old);
            }

            _map[executor.InstanceId] = _order.AddFirst(executor);
            while (_map.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _map.Remove(last.Value.InstanceId);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (_lock)
        {
            if (_map.Remove(instanceId, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}
