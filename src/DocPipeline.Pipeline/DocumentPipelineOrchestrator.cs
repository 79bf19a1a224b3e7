using System.Globalization;
using DocPipeline.Documents.Analysis;
using DocPipeline.Pipeline.Contracts;
using Microsoft.DurableTask;

namespace DocPipeline.Pipeline;

/// <summary>
/// extract → sanitize → infer (per chunk: primary model with durable retries → fallback model → offline analyzer)
/// → validate → store. Every step is checkpointed; the custom status tells clients where the run is.
/// </summary>
public sealed class DocumentPipelineOrchestrator : TaskOrchestrator<DocumentPipelineInput, DocumentPipelineOutput>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = PipelineTaskNames.DocumentPipeline;

    private const int Steps = 5;

    /// <inheritdoc />
    public override async Task<DocumentPipelineOutput> RunAsync(TaskOrchestrationContext context, DocumentPipelineInput input)
    {
        var run = new Run(context, input);
        var timings = new Dictionary<string, long>();
        var started = context.CurrentUtcDateTime;

        run.Status("extract", 1, 5);
        var extracted = await StageAsync<ExtractTextOutput>(run, PipelineTaskNames.ExtractText, new ExtractTextInput(context.InstanceId, input.DocumentKey, input.SourceName));
        timings["extract"] = run.Lap();

        run.Status("sanitize", 2, 15);
        var sanitized = await StageAsync<SanitizeOutput>(run, PipelineTaskNames.Sanitize, new SanitizeInput(context.InstanceId, extracted.TextKey, extracted.PagesKey));
        timings["sanitize"] = run.Lap();

        run.ChunksTotal = sanitized.Chunks.Count;
        run.Status("infer", 3, 20);
        var outcomes = await Task.WhenAll(sanitized.Chunks.Select(chunk => AnalyzeChunkAsync(run, chunk, depth: 0)));
        var parts = outcomes.SelectMany(o => o).ToList();
        timings["infer"] = run.Lap();

        run.Status("validate", 4, 85);
        var validation = await context.CallActivityAsync<ValidateOutput>(PipelineTaskNames.Validate, new ValidateInput(context.InstanceId, sanitized.SanitizedKey, parts.Select(p => p.Analysis).ToList()));
        timings["validate"] = run.Lap();
        if (!validation.Valid)
        {
            run.LastError = "Validation failed: " + string.Join("; ", validation.Findings.Take(5));
            run.Status("validate", 4, 85);
        }

        run.Status("store", 5, 95);
        var models = parts.Select(p => p.Model).Distinct(StringComparer.Ordinal).ToList();
        var usage = parts.Aggregate(TokenUsage.Zero, (sum, p) => sum.Add(p.Usage));
        var byModel = parts.GroupBy(p => p.Model, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Aggregate(TokenUsage.Zero, (sum, p) => sum.Add(p.Usage)), StringComparer.Ordinal);
        timings["store"] = 0;
        timings["total"] = (long)(context.CurrentUtcDateTime - started).TotalMilliseconds;
        var result = new DocumentResult
        {
            InstanceId = context.InstanceId,
            Document = new DocumentFacts(
                input.SourceName,
                input.ContentHash,
                extracted.Kind,
                extracted.MediaType,
                extracted.ByteSize,
                extracted.PageCount,
                extracted.CharCount,
                extracted.Title,
                extracted.Author,
                input.Trigger,
                input.ReceivedAt,
                extracted.Warnings),
            Result = validation.Combined,
            Models = models,
            Chunks = parts.Select(p => new ChunkProvenance(p.ChunkId, p.Model, p.FromCache, p.Repaired, p.Fallbacks)).ToList(),
            Validation = new ValidationOutcome(validation.Valid, validation.Findings),
            Usage = new UsageReport(usage, byModel),
            Redactions = sanitized.RedactionCounts,
            TimingsMs = timings,
            CompletedAt = context.CurrentUtcDateTime,
        };
        var resultPath = await context.CallActivityAsync<string>(PipelineTaskNames.StoreResult, new StoreResultInput(result));

        if (input.CallbackUrl is { } callback)
        {
            try
            {
                var retry = new RetryPolicy(input.Plan.CallbackAttempts, input.Plan.FirstRetryInterval, input.Plan.BackoffCoefficient, input.Plan.MaxRetryInterval)
                {
                    HandleFailure = failure => !TaskFailures.IsPermanent(failure),
                };
                await context.CallActivityAsync<int>(PipelineTaskNames.NotifyCallback, new NotifyCallbackInput(context.InstanceId, callback, resultPath, validation.Valid), TaskOptions.FromRetryPolicy(retry));
            }
            catch (TaskFailedException ex)
            {
                // The result is stored; a callback that never answers is reported, not fatal.
                run.LastError = "Callback failed: " + (ex.FailureDetails.InnerFailure ?? ex.FailureDetails).ErrorMessage;
            }
        }

        run.Status("done", 5, 100);
        return new DocumentPipelineOutput(resultPath, models, validation.Valid, parts.Count, usage.CostUsd, sanitized.RedactionCounts);
    }

    /// <summary>Runs a stage whose failure ends the run, with the stage's own reason as the instance's error.</summary>
    private static async Task<T> StageAsync<T>(Run run, string activity, object input)
    {
        try
        {
            return await run.Context.CallActivityAsync<T>(activity, input);
        }
        catch (TaskFailedException ex)
        {
            var reason = (ex.FailureDetails.InnerFailure ?? ex.FailureDetails).ErrorMessage;
            run.LastError = reason;
            run.Status("failed", run.Step, 100);
            throw new PermanentPipelineException($"{activity} failed: {reason}", TaskFailures.Properties(ex.FailureDetails));
        }
    }

    /// <summary>Walks the model chain for one chunk; returns one part, or several when the chunk had to be split.</summary>
    private static async Task<IReadOnlyList<ChunkPart>> AnalyzeChunkAsync(Run run, ChunkRef chunk, int depth)
    {
        var context = run.Context;
        var plan = run.Input.Plan;
        var fallbacks = new List<FallbackStep>();
        foreach (var model in plan.Models)
        {
            for (var attempt = 1; ; attempt++)
            {
                run.Model = model;
                try
                {
                    var output = await context.CallActivityAsync<AnalyzeChunkOutput>(PipelineTaskNames.AnalyzeChunk, new AnalyzeChunkInput(context.InstanceId, chunk, model));
                    if (output.Valid && output.Analysis is not null)
                    {
                        run.ChunkDone();
                        return [new ChunkPart(chunk.Id, model, output.Analysis, output.Usage, output.FromCache, output.Repaired, fallbacks)];
                    }

                    fallbacks.Add(new FallbackStep(model, "invalid answer after a repair request: " + string.Join("; ", output.Findings.Take(3))));
                    run.LastError = $"chunk {chunk.Id}: {model} gave an invalid answer";
                    break;
                }
                catch (TaskFailedException ex)
                {
                    var failure = ModelFailure.From(ex.FailureDetails);
                    run.LastError = $"chunk {chunk.Id}: {model}: {failure.Message}";
                    switch (failure.Decide(plan, attempt, depth))
                    {
                        case ModelFailureAction.Retry:
                            run.Status("infer", 3, run.InferPercent());
                            await context.CreateTimer(plan.Backoff(attempt, failure.RetryAfter), CancellationToken.None);
                            continue;
                        case ModelFailureAction.Split:
                            var halves = await context.CallActivityAsync<IReadOnlyList<ChunkRef>>(PipelineTaskNames.SplitChunk, new SplitChunkInput(context.InstanceId, chunk));
                            run.ChunksTotal += halves.Count - 1;
                            var split = await Task.WhenAll(halves.Select(h => AnalyzeChunkAsync(run, h, depth + 1)));
                            return split.SelectMany(s => s).ToList();
                        case ModelFailureAction.Fail:
                            run.Status("infer", 3, run.InferPercent());
                            RecordFailure(context);
                            throw new PermanentPipelineException(
                                $"Model '{model}' refused the request for chunk {chunk.Id} ({failure.Kind}): {failure.Message}",
                                new Dictionary<string, string> { ["stage"] = "infer", ["kind"] = failure.Kind, ["model"] = model });
                        default:
                            fallbacks.Add(new FallbackStep(model, failure.Describe(attempt)));
                            break;
                    }

                    break;
                }
            }
        }

        var reason = $"Every model failed for chunk {chunk.Id}: " + string.Join("; ", fallbacks.Select(f => $"{f.Model}: {f.Reason}"));
        run.LastError = reason;
        run.Status("infer", 3, run.InferPercent());
        RecordFailure(context);
        throw new PermanentPipelineException(reason, new Dictionary<string, string> { ["stage"] = "infer", ["chunk"] = chunk.Id });
    }

    /// <summary>Counts a document the orchestrator itself fails (no activity failed), once: not while replaying.</summary>
    private static void RecordFailure(TaskOrchestrationContext context)
    {
        if (!context.IsReplaying)
        {
            Telemetry.PipelineMetrics.DocumentFinished("failed", "infer");
        }
    }

    private sealed record ChunkPart(string ChunkId, string Model, DocumentAnalysis Analysis, TokenUsage Usage, bool FromCache, bool Repaired, IReadOnlyList<FallbackStep> Fallbacks);

    /// <summary>Per-run state used to report progress; only touched by orchestrator code, so it replays identically.</summary>
    private sealed class Run(TaskOrchestrationContext context, DocumentPipelineInput input)
    {
        private DateTime _lap = context.CurrentUtcDateTime;
        private string _stage = "extract";

        public TaskOrchestrationContext Context => context;

        public DocumentPipelineInput Input => input;

        public int ChunksTotal { get; set; }

        public int ChunksDone { get; private set; }

        public string? Model { get; set; }

        public int Step { get; private set; } = 1;

        public string? LastError { get; set; }

        public long Lap()
        {
            var now = context.CurrentUtcDateTime;
            var ms = (long)(now - _lap).TotalMilliseconds;
            _lap = now;
            return ms;
        }

        public void ChunkDone()
        {
            ChunksDone++;
            Status("infer", 3, InferPercent());
        }

        public int InferPercent() => ChunksTotal == 0 ? 20 : 20 + (int)(60.0 * ChunksDone / ChunksTotal);

        public void Status(string stage, int step, int percent)
        {
            _stage = stage;
            Step = step;
            context.SetCustomStatus(new PipelineStatus(
                _stage,
                string.Create(CultureInfo.InvariantCulture, $"{Step}/{Steps}"),
                percent,
                ChunksDone,
                ChunksTotal,
                stage is "infer" ? Model : null,
                LastError));
        }
    }
}
