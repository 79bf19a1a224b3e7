using System.Diagnostics;
using DocPipeline.Durable;
using DocPipeline.Host.Pipeline.Contracts;

namespace DocPipeline.Host.Telemetry;

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
    public Task<object?> RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DocPipelineTelemetry.Source.HasListeners() || PipelineMetrics.StagesEnabled
            ? RunObservedAsync(context, input, cancellationToken)
            : _inner.RunAsync(context, input, cancellationToken);
    }

    private async Task<object?> RunObservedAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken)
    {
        Activity? span = null;
        if (DocPipelineTelemetry.Source.HasListeners())
        {
            var parent = await _services.GetRequiredService<PipelineTraceContexts>().GetAsync(context.InstanceId, cancellationToken);
            span = DocPipelineTelemetry.Source.StartActivity(context.Name, ActivityKind.Internal, parent);
            span?.SetTag("docpipeline.instance_id", context.InstanceId);
            span?.SetTag("docpipeline.task_id", context.TaskId);
            span?.SetTag("docpipeline.attempt", context.Attempt);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var output = await _inner.RunAsync(context, input, cancellationToken);
            PipelineMetrics.StageCompleted(context.Name, ok: true, Stopwatch.GetElapsedTime(started));
            if (input is StoreResultInput stored)
            {
                PipelineMetrics.DocumentFinished("completed", context.Name);
                foreach (var fallback in stored.Result.Chunks.SelectMany(c => c.Fallbacks))
                {
                    PipelineMetrics.FellBack(fallback.Model);
                }
            }

            return output;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PipelineMetrics.StageCompleted(context.Name, ok: false, Stopwatch.GetElapsedTime(started));
            if (FinalStages.Contains(context.Name))
            {
                PipelineMetrics.DocumentFinished("failed", context.Name);
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
