using System.Diagnostics;
using DocPipeline.Pipeline.Contracts;
using Microsoft.DurableTask;

namespace DocPipeline.Pipeline.Telemetry;

/// <summary>
/// Runs an activity inside a span (a child of the span that started its run) and records its duration. When nobody
/// listens for spans or metrics it calls the activity straight through.
/// </summary>
/// <typeparam name="TActivity">The activity, created through dependency injection as the registry would.</typeparam>
public sealed class TracedActivity<TActivity> : ITaskActivity
    where TActivity : class, ITaskActivity
{
    // A failure of one of these stages fails the document (the orchestrator does not retry or fall back for them).
    private static readonly HashSet<string> FinalStages = new(StringComparer.OrdinalIgnoreCase) { "ExtractText", "Sanitize", "SplitChunk", "Validate", "StoreResult" };
    private readonly IServiceProvider _services;
    private readonly TActivity _inner;

    /// <summary>Creates the activity.</summary>
    /// <param name="services">The call's service scope.</param>
    public TracedActivity(IServiceProvider services)
    {
        _services = services;
        _inner = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(services);
    }

    /// <inheritdoc />
    public Type InputType => _inner.InputType;

    /// <inheritdoc />
    public Type OutputType => _inner.OutputType;

    /// <inheritdoc />
    public Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DocPipelineTelemetry.Source.HasListeners() || PipelineMetrics.StagesEnabled
            ? RunObservedAsync(context, input)
            : _inner.RunAsync(context, input);
    }

    private async Task<object?> RunObservedAsync(TaskActivityContext context, object? input)
    {
        var name = context.Name.Name;
        Activity? span = null;
        if (DocPipelineTelemetry.Source.HasListeners())
        {
            var traces = _services.GetService<PipelineTraceContexts>();
            var parent = traces is null ? default : await traces.GetAsync(context.InstanceId, CancellationToken.None).ConfigureAwait(false);
            span = DocPipelineTelemetry.Source.StartActivity(name, ActivityKind.Internal, parent);
            span?.SetTag("docpipeline.instance_id", context.InstanceId);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var output = await _inner.RunAsync(context, input).ConfigureAwait(false);
            PipelineMetrics.StageCompleted(name, ok: true, Stopwatch.GetElapsedTime(started));
            if (input is StoreResultInput stored)
            {
                PipelineMetrics.DocumentFinished("completed", name);
                foreach (var fallback in stored.Result.Chunks.SelectMany(c => c.Fallbacks))
                {
                    PipelineMetrics.FellBack(fallback.Model);
                }
            }

            return output;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PipelineMetrics.StageCompleted(name, ok: false, Stopwatch.GetElapsedTime(started));
            if (FinalStages.Contains(name))
            {
                PipelineMetrics.DocumentFinished("failed", name);
            }

            // The type only: messages can quote document content.
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            span?.SetTag("error.type", ex.GetType().FullName);
            throw;
        }
        finally
        {
            span?.Dispose();
        }
    }
}
