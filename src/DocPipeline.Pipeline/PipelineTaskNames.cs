namespace DocPipeline.Pipeline;

/// <summary>
/// The registered names of the orchestrator and its activities. They are part of the durable history: renaming one
/// strands the runs in flight, so they never change.
/// </summary>
public static class PipelineTaskNames
{
    /// <summary>The orchestrator.</summary>
    public const string DocumentPipeline = "DocumentPipeline";

    /// <summary>Step 1: <see cref="Activities.ExtractTextActivity"/>.</summary>
    public const string ExtractText = "ExtractText";

    /// <summary>Step 2: <see cref="Activities.SanitizeActivity"/>.</summary>
    public const string Sanitize = "Sanitize";

    /// <summary>Step 3, per chunk and model: <see cref="Activities.AnalyzeChunkActivity"/>.</summary>
    public const string AnalyzeChunk = "AnalyzeChunk";

    /// <summary>Step 3, for an over-long chunk: <see cref="Activities.SplitChunkActivity"/>.</summary>
    public const string SplitChunk = "SplitChunk";

    /// <summary>Step 4: <see cref="Activities.ValidateActivity"/>.</summary>
    public const string Validate = "Validate";

    /// <summary>Step 5: <see cref="Activities.StoreResultActivity"/>.</summary>
    public const string StoreResult = "StoreResult";

    /// <summary>After step 5, when a callback URL was given: <see cref="Activities.NotifyCallbackActivity"/>.</summary>
    public const string NotifyCallback = "NotifyCallback";

    /// <summary>Every activity name, in pipeline order.</summary>
    public static IReadOnlyList<string> Activities { get; } = [ExtractText, Sanitize, AnalyzeChunk, SplitChunk, Validate, StoreResult, NotifyCallback];
}
