using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;

namespace DocPipeline.Durable.Runtime;

/// <summary>
/// Runs one orchestration instance against its history. A fresh executor replays the recorded events (completed calls
/// return their recorded results without running again); a cached executor keeps its suspended coroutine and only
/// applies the new events of each episode, so the cost of a step does not grow with history length.
/// </summary>
internal sealed partial class OrchestrationExecutor
{
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly ITaskOrchestrator _orchestrator;
    private readonly ReplayOrchestrationContext _context;
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly SortedDictionary<int, OrchestratorAction> _pendingActions = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _bufferedEvents = [];
    private Task<object?>? _task;
    private bool _started;
    private bool _completionRecorded;
    private int _nextSequence;
    private EpisodeResult? _episode;
    private string? _committedCustomStatus;

    public OrchestrationExecutor(string instanceId, string executionId, string name, ITaskOrchestrator orchestrator, string? committedCustomStatus = null)
    {
        InstanceId = instanceId;
        ExecutionId = executionId;
        Name = name;
        _orchestrator = orchestrator;
        _committedCustomStatus = committedCustomStatus;
        CustomStatus = committedCustomStatus;
        _context = new ReplayOrchestrationContext(this);
    }

    public string InstanceId { get; }

    public string ExecutionId { get; }

    public string Name { get; }

    /// <summary>The store version this executor's state matches; set after each commit.</summary>
    public long Version { get; set; } = -1;

    /// <summary>Number of events in history (committed and of the current episode).</summary>
    public int HistoryCount { get; private set; }

    public bool IsSuspended { get; private set; }

    public bool IsFinished => _completionRecorded;

    public bool IsStarted => _started;

    internal string? CustomStatus { get; set; }

    internal string? SerializedInput { get; private set; }

    internal ParentInstance? Parent { get; private set; }

    internal DateTime CurrentUtcDateTime { get; private set; }

    internal bool IsReplaying { get; private set; }

    internal bool ContinueAsNewRequested { get; private set; }

    private string? ContinueAsNewInput { get; set; }

    private bool PreserveUnprocessedEvents { get; set; }

    /// <summary>Re-runs the orchestrator over events already committed.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> history)
    {
        _sync.Enter();
        try
        {
            IsReplaying = true;
            foreach (var e in history)
            {
                Apply(e);
                HistoryCount++;
            }

            // Actions the code issued after the last recorded event are new: they are flushed in the next episode.
            IsReplaying = false;
        }
        finally
        {
            _sync.Exit();
        }
    }

    /// <summary>
    /// Applies new events and returns what the orchestrator did in response. Throws
    /// <see cref="NonDeterministicOrchestrationException"/> when the code no longer matches its history.
    /// </summary>
    public EpisodeResult ExecuteEpisode(IReadOnlyList<HistoryEvent> newEvents, DateTime now)
    {
        var episode = _episode = new EpisodeResult { Status = IsSuspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running };
        _sync.Enter();
        try
        {
            IsReplaying = false;
            Record(new HistoryEvent { EventType = HistoryEventType.OrchestratorStarted, Timestamp = now });
            foreach (var e in newEvents)
            {
                episode.ConsumedCount++;
                if (!IsRelevant(e))
                {
                    continue;
                }

                Record(e);
                if (e.EventType == HistoryEventType.ExecutionSuspended)
                {
                    // Events behind a suspend wait in the store until the instance is resumed.
                    break;
                }
            }

            FinishEpisode(now);
            return episode;
        }
        finally
        {
            _sync.Exit();
            _episode = null;
        }
    }

    /// <summary>Marks the episode's state as committed.</summary>
    public void OnCommitted(long newVersion)
    {
        Version = newVersion;
        _committedCustomStatus = CustomStatus;
    }

    private bool IsRelevant(HistoryEvent e)
    {
        if (_completionRecorded)
        {
            return false;
        }

        return e.EventType switch
        {
            HistoryEventType.ExecutionStarted => !_started,
            HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired or
            HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed =>
                _openTasks.ContainsKey(e.TaskScheduledId),
            HistoryEventType.ExecutionSuspended => !IsSuspended,
            HistoryEventType.ExecutionResumed => IsSuspended,
            _ => true,
        };
    }

    private void Record(HistoryEvent e)
    {
        _episode!.NewEvents.Add(e);
        HistoryCount++;
        Apply(e);
    }

    private void Apply(HistoryEvent e)
    {
        switch (e.EventType)
        {
            case HistoryEventType.OrchestratorStarted:
                CurrentUtcDateTime = e.Timestamp;
                break;
            case HistoryEventType.ExecutionStarted:
                Start(e);
                break;
            case HistoryEventType.TaskScheduled:
                Confirm(e, OrchestratorActionKind.ScheduleTask);
                break;
            case HistoryEventType.TimerCreated:
                Confirm(e, OrchestratorActionKind.CreateTimer);
                break;
            case HistoryEventType.SubOrchestrationInstanceCreated:
                Confirm(e, OrchestratorActionKind.CreateSubOrchestration);
                break;
            case HistoryEventType.TaskCompleted:
            case HistoryEventType.TaskFailed:
            case HistoryEventType.TimerFired:
            case HistoryEventType.SubOrchestrationInstanceCompleted:
            case HistoryEventType.SubOrchestrationInstanceFailed:
                Complete(e);
                break;
            case HistoryEventType.EventRaised:
                Deliver(e);
                break;
            case HistoryEventType.ExecutionSuspended:
                IsSuspended = true;
                break;
            case HistoryEventType.ExecutionResumed:
                IsSuspended = false;
                break;
            case HistoryEventType.ExecutionCompleted:
            case HistoryEventType.ExecutionTerminated:
                _completionRecorded = true;
                break;
            default:
                break;
        }

        _sync.RunUntilIdle();
    }

    private void Start(HistoryEvent e)
    {
        _started = true;
        SerializedInput = e.Input;
        Parent = e.Parent;
        _sync.Post(_ => _task = RunOrchestratorAsync(), null);
    }

    private async Task<object?> RunOrchestratorAsync() => await _orchestrator.RunAsync(_context);

    private void Confirm(HistoryEvent e, OrchestratorActionKind kind)
    {
        if (!_pendingActions.Remove(e.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}'): history has {Describe(e)} as call #{e.EventId}, " +
                "but the orchestrator code no longer makes that call. Orchestrator code must make the same calls in the same order on every replay.");
        }

        if (action.Kind != kind || !string.Equals(action.Name, e.Name ?? action.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}'): history expected {Describe(e)} as call #{e.EventId}, " +
                $"but the code called {action.Describe()}. Orchestrator code must make the same calls in the same order on every replay.");
        }
    }

    private void Complete(HistoryEvent e)
    {
        if (_openTasks.Remove(e.TaskScheduledId, out var open))
        {
            open.Completion.TrySetResult(e);
        }
        else if (IsReplaying && e.EventType != HistoryEventType.TimerFired)
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}'): history has {e.EventType} for call #{e.TaskScheduledId}, " +
                "but the orchestrator code never made that call.");
        }
    }

    private void Deliver(HistoryEvent e)
    {
        var name = e.Name ?? string.Empty;
        if (_eventWaiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(e.Input);
        }
        else
        {
            _bufferedEvents.Add(e);
        }
    }

    private static string Describe(HistoryEvent e) => e.EventType switch
    {
        HistoryEventType.TaskScheduled => $"CallActivityAsync(\"{e.Name}\")",
        HistoryEventType.TimerCreated => $"CreateTimer({e.FireAt:O})",
        HistoryEventType.SubOrchestrationInstanceCreated => $"CallSubOrchestratorAsync(\"{e.Name}\")",
        _ => e.EventType.ToString(),
    };

    private void FinishEpisode(DateTime now)
    {
        var episode = _episode!;
        if (!_completionRecorded && _task is { IsCompleted: true })
        {
            RecordCompletion(now);
        }
        else if (!_completionRecorded && _started && IsStuck())
        {
            _task = Task.FromException<object?>(new InvalidOperationException(
                $"Orchestrator '{Name}' awaited a task that is not durable (such as Task.Delay, Task.Run, CancellationTokenSource.CancelAsync or I/O). " +
                "Orchestrator code may only await calls made through the orchestration context: use CreateTimer instead of Task.Delay, and do I/O in activities."));
            RecordCompletion(now);
        }

        FlushActions(now);
        if (!_completionRecorded)
        {
            episode.Status = !_started ? OrchestrationRuntimeStatus.Pending : IsSuspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
        }

        episode.CustomStatus = CustomStatus;
        episode.CustomStatusChanged = !string.Equals(CustomStatus, _committedCustomStatus, StringComparison.Ordinal);
    }

    private bool IsStuck()
    {
        if (_sync.ForeignContinuationDetected)
        {
            return true;
        }

        return _openTasks.Count == 0 && _pendingActions.Count == 0 && _eventWaiters.Values.All(w => w.Count == 0);
    }

    private void RecordCompletion(DateTime now)
    {
        var episode = _episode!;
        var task = _task!;
        HistoryEvent completed;
        if (task.IsCompletedSuccessfully && ContinueAsNewRequested)
        {
            var carried = PreserveUnprocessedEvents ? _bufferedEvents.ToList() : [];
            episode.ContinueAsNew = new ContinueAsNewRequest(ContinueAsNewInput, carried);
            episode.Status = OrchestrationRuntimeStatus.ContinuedAsNew;
            episode.Output = ContinueAsNewInput;
            completed = new HistoryEvent { EventType = HistoryEventType.ExecutionCompleted, Timestamp = now, Status = episode.Status, Result = ContinueAsNewInput };
        }
        else if (task.IsCompletedSuccessfully)
        {
            episode.Status = OrchestrationRuntimeStatus.Completed;
            episode.Output = JsonDataConverter.Serialize(task.Result);
            completed = new HistoryEvent { EventType = HistoryEventType.ExecutionCompleted, Timestamp = now, Status = episode.Status, Result = episode.Output };
        }
        else
        {
            var exception = task.Exception?.InnerException ?? (Exception)new TaskCanceledException("The orchestrator was canceled.");
            episode.Status = OrchestrationRuntimeStatus.Failed;
            episode.Failure = TaskFailureDetails.FromException(exception);
            episode.Output = JsonDataConverter.Serialize(episode.Failure.ErrorMessage);
            completed = new HistoryEvent { EventType = HistoryEventType.ExecutionCompleted, Timestamp = now, Status = episode.Status, Failure = episode.Failure };
        }

        episode.NewEvents.Add(completed);
        HistoryCount++;
        _completionRecorded = true;
    }

    private void FlushActions(DateTime now)
    {
        var episode = _episode!;
        foreach (var action in _pendingActions.Values)
        {
            switch (action.Kind)
            {
                case OrchestratorActionKind.ScheduleTask:
                    episode.NewEvents.Add(new HistoryEvent { EventType = HistoryEventType.TaskScheduled, EventId = action.Id, Timestamp = now, Name = action.Name, Input = action.Input });
                    episode.Activities.Add(new ActivityRequest(InstanceId, ExecutionId, action.Id, action.Name, action.Input));
                    break;
                case OrchestratorActionKind.CreateTimer:
                    episode.NewEvents.Add(new HistoryEvent { EventType = HistoryEventType.TimerCreated, EventId = action.Id, Timestamp = now, FireAt = action.FireAt });
                    episode.Timers.Add(new OrchestrationMessage(
                        InstanceId,
                        ExecutionId,
                        new HistoryEvent { EventType = HistoryEventType.TimerFired, TaskScheduledId = action.Id, Timestamp = action.FireAt!.Value, FireAt = action.FireAt },
                        action.FireAt));
                    break;
                case OrchestratorActionKind.CreateSubOrchestration:
                    episode.NewEvents.Add(new HistoryEvent
                    {
                        EventType = HistoryEventType.SubOrchestrationInstanceCreated,
                        EventId = action.Id,
                        Timestamp = now,
                        Name = action.Name,
                        Input = action.Input,
                        InstanceId = action.ChildInstanceId,
                    });
                    episode.SubOrchestrations.Add(new NewInstance(
                        action.ChildInstanceId!,
                        Guid.NewGuid().ToString("N"),
                        action.Name,
                        action.Input,
                        now,
                        Parent: new ParentInstance(InstanceId, ExecutionId, action.Id, Name)));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown action {action.Kind}.");
            }

            HistoryCount++;
        }

        _pendingActions.Clear();
    }
}
