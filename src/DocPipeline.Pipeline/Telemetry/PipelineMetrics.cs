using System.Diagnostics.Metrics;
using DocPipeline.Inference;

namespace DocPipeline.Pipeline.Telemetry;

/// <summary>
/// The <c>DocPipeline</c> meter's instruments. Each recording method returns at once, allocating nothing, when no
/// listener is attached.
/// </summary>
public static class PipelineMetrics
{
    private static readonly Counter<long> Submissions = DocPipelineTelemetry.Meter.CreateCounter<long>(
        "docpipeline.documents.submitted", "{document}", "Documents handed to the pipeline, by trigger and outcome (started, restarted, already_running, already_completed, rejected).");

    private static readonly Counter<long> Finished = DocPipelineTelemetry.Meter.CreateCounter<long>(
        "docpipeline.documents.finished", "{document}", "Documents that reached an end, by outcome (completed, failed) and stage.");

    private static readonly Histogram<double> StageDuration = DocPipelineTelemetry.Meter.CreateHistogram<double>(
        "docpipeline.stage.duration", "s", "Time spent in one activity call, by stage and outcome (ok, error).");

    private static readonly Counter<long> ModelCalls = DocPipelineTelemetry.Meter.CreateCounter<long>(
        "docpipeline.model.calls", "{call}", "Model calls by model and outcome (ok, cached, or the error kind).");

    private static readonly Counter<long> Tokens = DocPipelineTelemetry.Meter.CreateCounter<long>(
        "docpipeline.model.tokens", "{token}", "Tokens billed by model and direction (input, output); cached answers cost none.");

    private static readonly Counter<double> Cost = DocPipelineTelemetry.Meter.CreateCounter<double>(
        "docpipeline.model.cost", "USD", "Model spend by model; cached answers cost nothing.");

    private static readonly Counter<long> Fallbacks = DocPipelineTelemetry.Meter.CreateCounter<long>(
        "docpipeline.model.fallbacks", "{fallback}", "Times a chunk moved down the model chain, by the model given up on.");

    private static long _pending;
    private static long _running;

    static PipelineMetrics()
    {
        DocPipelineTelemetry.Meter.CreateObservableGauge(
            "docpipeline.queue.depth",
            ObserveQueueDepth,
            "{document}",
            "Documents waiting (pending) or in progress (running), sampled from the store.");
    }

    /// <summary>Whether anyone listens to the per-activity instruments.</summary>
    public static bool StagesEnabled => StageDuration.Enabled || Finished.Enabled || Fallbacks.Enabled;

    /// <summary>Whether anyone listens to the per-model-call instruments.</summary>
    public static bool ModelsEnabled => ModelCalls.Enabled || Tokens.Enabled || Cost.Enabled;

    /// <summary>A document was handed to <see cref="DocumentSubmitter"/>.</summary>
    /// <param name="trigger">How it arrived (http, blob, queue, servicebus, cli).</param>
    /// <param name="outcome">What the submission did.</param>
    public static void Submitted(string trigger, SubmissionOutcome outcome)
    {
        if (Submissions.Enabled)
        {
            Submissions.Add(1, new KeyValuePair<string, object?>("trigger", trigger), new KeyValuePair<string, object?>("outcome", Name(outcome)));
        }
    }

    /// <summary>A document was refused before it reached the pipeline (too large, not a document, bad request).</summary>
    /// <param name="trigger">How it arrived.</param>
    public static void Rejected(string trigger)
    {
        if (Submissions.Enabled)
        {
            Submissions.Add(1, new KeyValuePair<string, object?>("trigger", trigger), new KeyValuePair<string, object?>("outcome", "rejected"));
        }
    }

    /// <summary>A document reached an end.</summary>
    /// <param name="outcome"><c>completed</c> or <c>failed</c>.</param>
    /// <param name="stage">The last stage it ran.</param>
    public static void DocumentFinished(string outcome, string stage)
    {
        if (Finished.Enabled)
        {
            Finished.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("stage", stage));
        }
    }

    /// <summary>An activity call ended.</summary>
    /// <param name="stage">The activity name.</param>
    /// <param name="ok">Whether it succeeded.</param>
    /// <param name="elapsed">How long it ran.</param>
    public static void StageCompleted(string stage, bool ok, TimeSpan elapsed)
    {
        if (StageDuration.Enabled)
        {
            StageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("outcome", ok ? "ok" : "error"));
        }
    }

    /// <summary>A model answered (or the response store did).</summary>
    /// <param name="response">The answer.</param>
    public static void ModelAnswered(ModelResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var model = new KeyValuePair<string, object?>("model", response.Model);
        if (ModelCalls.Enabled)
        {
            ModelCalls.Add(1, model, new KeyValuePair<string, object?>("outcome", response.FromCache ? "cached" : "ok"));
        }

        if (response.FromCache)
        {
            return;
        }

        if (Tokens.Enabled)
        {
            Tokens.Add(response.Usage.PromptTokens, model, new KeyValuePair<string, object?>("direction", "input"));
            Tokens.Add(response.Usage.BilledOutputTokens, model, new KeyValuePair<string, object?>("direction", "output"));
        }

        if (Cost.Enabled && response.CostUsd > 0)
        {
            Cost.Add((double)response.CostUsd, model);
        }
    }

    /// <summary>A model call failed.</summary>
    /// <param name="model">The model.</param>
    /// <param name="kind">The error kind.</param>
    public static void ModelFailed(string model, ModelErrorKind kind)
    {
        if (ModelCalls.Enabled)
        {
            ModelCalls.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("outcome", KindName(kind)));
        }
    }

    /// <summary>A chunk moved on from <paramref name="model"/> to the next in the chain.</summary>
    /// <param name="model">The model given up on.</param>
    public static void FellBack(string model)
    {
        if (Fallbacks.Enabled)
        {
            Fallbacks.Add(1, new KeyValuePair<string, object?>("model", model));
        }
    }

    /// <summary>Sets what <c>docpipeline.queue.depth</c> reports.</summary>
    /// <param name="pending">Documents not started yet.</param>
    /// <param name="running">Documents in progress.</param>
    public static void SetQueueDepth(long pending, long running)
    {
        Interlocked.Exchange(ref _pending, pending);
        Interlocked.Exchange(ref _running, running);
    }

    private static IEnumerable<Measurement<long>> ObserveQueueDepth() =>
    [
        new(Interlocked.Read(ref _pending), new KeyValuePair<string, object?>("status", "pending")),
        new(Interlocked.Read(ref _running), new KeyValuePair<string, object?>("status", "running")),
    ];

    private static string Name(SubmissionOutcome outcome) => outcome switch
    {
        SubmissionOutcome.Started => "started",
        SubmissionOutcome.Restarted => "restarted",
        SubmissionOutcome.AlreadyRunning => "already_running",
        SubmissionOutcome.AlreadyCompleted => "already_completed",
        _ => "other",
    };

    private static string KindName(ModelErrorKind kind) => kind switch
    {
        ModelErrorKind.RateLimited => "rate_limited",
        ModelErrorKind.Transient => "transient",
        ModelErrorKind.InputTooLong => "input_too_long",
        ModelErrorKind.InvalidRequest => "invalid_request",
        ModelErrorKind.Unauthorized => "unauthorized",
        ModelErrorKind.ModelNotFound => "model_not_found",
        ModelErrorKind.Blocked => "blocked",
        ModelErrorKind.Safety => "safety",
        ModelErrorKind.MaxTokens => "max_tokens",
        ModelErrorKind.Incomplete => "incomplete",
        ModelErrorKind.MalformedResponse => "malformed_response",
        _ => "error",
    };
}
