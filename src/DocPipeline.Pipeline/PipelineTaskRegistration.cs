using DocPipeline.Pipeline.Activities;
using DocPipeline.Pipeline.Telemetry;
using Microsoft.DurableTask;

namespace DocPipeline.Pipeline;

/// <summary>Registers the orchestrator and activities with a Durable Task SDK worker under their fixed names.</summary>
public static class PipelineTaskRegistration
{
    /// <summary>
    /// Adds <see cref="DocumentPipelineOrchestrator"/> and every activity (each inside <see cref="TracedActivity{TActivity}"/>,
    /// created from the execution's service scope) to <paramref name="registry"/>.
    /// </summary>
    /// <param name="registry">The worker's registry.</param>
    public static DurableTaskRegistry AddDocumentPipeline(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<DocumentPipelineOrchestrator>(PipelineTaskNames.DocumentPipeline)
            .AddActivity<TracedActivity<ExtractTextActivity>>(PipelineTaskNames.ExtractText)
            .AddActivity<TracedActivity<SanitizeActivity>>(PipelineTaskNames.Sanitize)
            .AddActivity<TracedActivity<AnalyzeChunkActivity>>(PipelineTaskNames.AnalyzeChunk)
            .AddActivity<TracedActivity<SplitChunkActivity>>(PipelineTaskNames.SplitChunk)
            .AddActivity<TracedActivity<ValidateActivity>>(PipelineTaskNames.Validate)
            .AddActivity<TracedActivity<StoreResultActivity>>(PipelineTaskNames.StoreResult)
            .AddActivity<TracedActivity<NotifyCallbackActivity>>(PipelineTaskNames.NotifyCallback);
    }

    /// <summary>The activity type registered under each name (for hosts that dispatch by name themselves).</summary>
    public static IReadOnlyDictionary<string, Type> ActivityTypes { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [PipelineTaskNames.ExtractText] = typeof(TracedActivity<ExtractTextActivity>),
        [PipelineTaskNames.Sanitize] = typeof(TracedActivity<SanitizeActivity>),
        [PipelineTaskNames.AnalyzeChunk] = typeof(TracedActivity<AnalyzeChunkActivity>),
        [PipelineTaskNames.SplitChunk] = typeof(TracedActivity<SplitChunkActivity>),
        [PipelineTaskNames.Validate] = typeof(TracedActivity<ValidateActivity>),
        [PipelineTaskNames.StoreResult] = typeof(TracedActivity<StoreResultActivity>),
        [PipelineTaskNames.NotifyCallback] = typeof(TracedActivity<NotifyCallbackActivity>),
    };
}
