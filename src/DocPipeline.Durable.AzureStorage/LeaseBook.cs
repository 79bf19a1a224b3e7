namespace DocPipeline.Durable.AzureStorage;

/// <summary>
/// What this process knows about the leases it granted and the wake-ups it scheduled. Lease expiry is judged on the
/// table rows with the store's clock; this book lets the process that granted a lease take the work back as soon as
/// that clock says the lease is over, without waiting for the queue message that backs it (server time) to reappear.
/// </summary>
internal sealed class LeaseBook
{
    private const int MaxWakeUps = 10_000;
    private readonly object _gate = new();
    private readonly Dictionary<string, Lease> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lease> _activities = new(StringComparer.Ordinal);
    private readonly SortedSet<DateTime> _wakeUps = [];

    /// <summary>Records (or replaces) the lock on an instance.</summary>
    public void HoldInstance(string instanceId, Lease lease)
    {
        lock (_gate)
        {
            _instances[instanceId] = lease;
        }
    }

    /// <summary>Forgets an instance lock if <paramref name="workerId"/> holds it; returns its backing message.</summary>
    public QueueReceipt? ReleaseInstance(string instanceId, string workerId)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(instanceId, out var lease) && lease.WorkerId == workerId)
            {
                _instances.Remove(instanceId);
                return lease.Receipt;
            }

            return null;
        }
    }

    /// <summary>Takes out the instance locks that expired by <paramref name="now"/>.</summary>
    public List<(string InstanceId, Lease Lease)> TakeExpiredInstances(DateTime now, int max) => TakeExpired(_instances, now, max);

    /// <summary>Records (or replaces) the lock on an activity work item.</summary>
    public void HoldActivity(string itemId, Lease lease)
    {
        lock (_gate)
        {
            _activities[itemId] = lease;
        }
    }

    /// <summary>The lock on an activity work item, if this process granted it.</summary>
    public Lease? FindActivity(string itemId)
    {
        lock (_gate)
        {
            return _activities.GetValueOrDefault(itemId);
        }
    }

    /// <summary>Forgets an activity lock; returns its queue message.</summary>
    public QueueReceipt? ReleaseActivity(string itemId)
    {
        lock (_gate)
        {
            return _activities.Remove(itemId, out var lease) ? lease.Receipt : null;
        }
    }

    /// <summary>Takes out the activity locks that expired by <paramref name="now"/>.</summary>
    public List<(string ItemId, Lease Lease)> TakeExpiredActivities(DateTime now, int max) => TakeExpired(_activities, now, max);

    /// <summary>Remembers that something becomes visible at <paramref name="at"/> (a timer, a delayed start).</summary>
    public void ScheduleWakeUp(DateTime at)
    {
        lock (_gate)
        {
            _wakeUps.Add(at);
            if (_wakeUps.Count > MaxWakeUps)
            {
                _wakeUps.Remove(_wakeUps.Max);
            }
        }
    }

    /// <summary>The earliest known moment after <paramref name="now"/> when work may appear, or null.</summary>
    public DateTime? NextWakeUp(DateTime now)
    {
        lock (_gate)
        {
            while (_wakeUps.Count > 0 && _wakeUps.Min <= now)
            {
                _wakeUps.Remove(_wakeUps.Min);
            }

            DateTime? next = _wakeUps.Count > 0 ? _wakeUps.Min : null;
            foreach (var lease in _instances.Values.Concat(_activities.Values))
            {
                if (lease.Until > now && (next is null || lease.Until < next))
                {
                    next = lease.Until;
                }
            }

            return next;
        }
    }

    private List<(string Key, Lease Lease)> TakeExpired(Dictionary<string, Lease> leases, DateTime now, int max)
    {
        lock (_gate)
        {
            var expired = leases.Where(p => p.Value.Until <= now).Take(max).Select(p => (p.Key, p.Value)).ToList();
            foreach (var (key, _) in expired)
            {
                leases.Remove(key);
            }

            return expired;
        }
    }
}
