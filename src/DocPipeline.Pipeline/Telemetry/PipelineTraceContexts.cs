using System.Collections.Concurrent;
using System.Diagnostics;
using DocPipeline.Pipeline.Contracts;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Pipeline.Telemetry;

/// <summary>
/// Which trace each pipeline run belongs to, so its activities and model calls join the trace of the upload that
/// started it. Starts made in this process are remembered; for others the W3C <c>traceparent</c> is read from the
/// run's input (<see cref="DocumentPipelineInput.TraceParent"/>) when a client is at hand. Only consulted while
/// someone listens for spans.
/// </summary>
public sealed class PipelineTraceContexts(DurableTaskClient? client, ILogger<PipelineTraceContexts> logger)
{
    // Bounded without bookkeeping: when full, start over; a forgotten run is read back from its input.
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<string, ActivityContext> _known = new(StringComparer.Ordinal);

    /// <summary>Records the start span of a run; returns what was recorded before, so a no-op start can put it back.</summary>
    /// <param name="instanceId">The run.</param>
    /// <param name="context">The span that started it.</param>
    public ActivityContext? Remember(string instanceId, ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        ActivityContext? previous = _known.TryGetValue(instanceId, out var old) ? old : null;
        _known[instanceId] = context;
        return previous;
    }

    /// <summary>Puts back what <see cref="Remember"/> replaced (the submission did not start a new run after all).</summary>
    /// <param name="instanceId">The run.</param>
    /// <param name="previous">What <see cref="Remember"/> returned.</param>
    public void Restore(string instanceId, ActivityContext? previous)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (previous is { } context)
        {
            _known[instanceId] = context;
        }
        else
        {
            _known.TryRemove(instanceId, out _);
        }
    }

    /// <summary>The parent for spans of a run; <c>default</c> when it has none.</summary>
    /// <param name="instanceId">The run.</param>
    /// <param name="cancellationToken">Cancels the store read.</param>
    public async ValueTask<ActivityContext> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (_known.TryGetValue(instanceId, out var known))
        {
            return known;
        }

        var context = default(ActivityContext);
        if (client is null)
        {
            return context;
        }

        try
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (instance?.ReadInputAs<DocumentPipelineInput>()?.TraceParent is { } traceParent)
            {
                ActivityContext.TryParse(traceParent, null, isRemote: true, out context);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Tracing must never fail a run: the spans become a trace of their own.
            logger.TraceContextUnavailable(instanceId, ex);
        }

        Remember(instanceId, context);
        return context;
    }
}
