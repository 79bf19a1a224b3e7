using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Activities;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Functions.Functions;

/// <summary>
/// The orchestration and one function per activity. Each is a wrapper: the work is done by the shared classes of
/// <c>DocPipeline.Pipeline</c>, created from the invocation's services for every execution.
/// </summary>
public static class PipelineFunctions
{
    /// <summary>The document pipeline.</summary>
    [Function(FunctionNames.DocumentPipeline)]
    public static Task<DocumentPipelineOutput> DocumentPipeline([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<DocumentPipelineInput>()
            ?? throw new PermanentPipelineException("The orchestration was started without a DocumentPipelineInput.");
        return new DocumentPipelineOrchestrator().RunAsync(context, input);
    }

    /// <summary>Step 1.</summary>
    [Function(FunctionNames.ExtractText)]
    public static Task<ExtractTextOutput> ExtractText([ActivityTrigger] ExtractTextInput input, FunctionContext context) =>
        RunAsync<ExtractTextActivity, ExtractTextInput, ExtractTextOutput>(FunctionNames.ExtractText, input, context);

    /// <summary>Step 2.</summary>
    [Function(FunctionNames.Sanitize)]
    public static Task<SanitizeOutput> Sanitize([ActivityTrigger] SanitizeInput input, FunctionContext context) =>
        RunAsync<SanitizeActivity, SanitizeInput, SanitizeOutput>(FunctionNames.Sanitize, input, context);

    /// <summary>Step 3, per chunk and model.</summary>
    [Function(FunctionNames.AnalyzeChunk)]
    public static Task<AnalyzeChunkOutput> AnalyzeChunk([ActivityTrigger] AnalyzeChunkInput input, FunctionContext context) =>
        RunAsync<AnalyzeChunkActivity, AnalyzeChunkInput, AnalyzeChunkOutput>(FunctionNames.AnalyzeChunk, input, context);

    /// <summary>Step 3, an over-long chunk.</summary>
    [Function(FunctionNames.SplitChunk)]
    public static Task<IReadOnlyList<ChunkRef>> SplitChunk([ActivityTrigger] SplitChunkInput input, FunctionContext context) =>
        RunAsync<SplitChunkActivity, SplitChunkInput, IReadOnlyList<ChunkRef>>(FunctionNames.SplitChunk, input, context);

    /// <summary>Step 4.</summary>
    [Function(FunctionNames.Validate)]
    public static Task<ValidateOutput> Validate([ActivityTrigger] ValidateInput input, FunctionContext context) =>
        RunAsync<ValidateActivity, ValidateInput, ValidateOutput>(FunctionNames.Validate, input, context);

    /// <summary>Step 5.</summary>
    [Function(FunctionNames.StoreResult)]
    public static Task<string> StoreResult([ActivityTrigger] StoreResultInput input, FunctionContext context) =>
        RunAsync<StoreResultActivity, StoreResultInput, string>(FunctionNames.StoreResult, input, context);

    /// <summary>The callback.</summary>
    [Function(FunctionNames.NotifyCallback)]
    public static Task<int> NotifyCallback([ActivityTrigger] NotifyCallbackInput input, FunctionContext context) =>
        RunAsync<NotifyCallbackActivity, NotifyCallbackInput, int>(FunctionNames.NotifyCallback, input, context);

    private static async Task<TOutput> RunAsync<TActivity, TInput, TOutput>(string name, TInput input, FunctionContext context)
        where TActivity : class, ITaskActivity
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
        var activity = ActivatorUtilities.CreateInstance<TracedActivity<TActivity>>(context.InstanceServices);
        var output = await activity.RunAsync(new FunctionActivityContext(name, instanceId), input).ConfigureAwait(false);
        return (TOutput)output!;
    }
}
