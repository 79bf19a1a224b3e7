using System.Globalization;
using System.Text.Json;
using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Prompting;
using DocPipeline.Documents.Validation;
using DocPipeline.Inference;
using DocPipeline.Inference.RateLimiting;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Models;
using DocPipeline.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace DocPipeline.Pipeline.Activities;

/// <summary>
/// Step 3 for one chunk on one model: asks the model (or the offline analyzer), checks the answer against the
/// schema and the chunk's text, and asks once for a repair when it does not pass. Model answers are saved before
/// this returns, so a re-run after a crash reads them back instead of paying again.
/// </summary>
/// <remarks>
/// A model paused by the rate limiter for longer than <see cref="PipelineOptions.QuotaExhaustedThreshold"/> (its quota
/// is spent) is not called: the call fails at once as rate limited, so the orchestrator falls back instead of this
/// activity waiting out the pause.
/// </remarks>
public sealed class AnalyzeChunkActivity(
    IArtifactStore artifacts,
    ModelClients models,
    OfflineAnalyzer offline,
    AnalysisValidator validator,
    IOptions<PipelineOptions> options,
    ModelRateLimiter? rateLimiter = null,
    TimeProvider? timeProvider = null) : PipelineActivity<AnalyzeChunkInput, AnalyzeChunkOutput>
{
    private static readonly JsonElement ResponseSchema = JsonDocument.Parse(AnalysisSchema.GeminiResponseSchemaJson).RootElement.Clone();

    /// <inheritdoc />
    public override async Task<AnalyzeChunkOutput> RunAsync(AnalyzeChunkInput input, CancellationToken cancellationToken)
    {
        var text = await artifacts.GetTextAsync(input.Chunk.Key, cancellationToken).ConfigureAwait(false);
        if (input.Model == ModelClients.Offline)
        {
            var analysis = offline.Analyze(text);
            var check = validator.Validate(analysis, text);
            return new AnalyzeChunkOutput(check.IsValid, input.Model, analysis, TokenUsage.Zero, FromCache: false, Repaired: false, Describe(check));
        }

        var prompt = AnalysisPrompt.Build(text);
        var first = await CallAsync(input.Model, prompt, cancellationToken).ConfigureAwait(false);
        var usage = Usage(first);
        var result = validator.Validate(first.Text, text);
        if (result.IsValid)
        {
            return new AnalyzeChunkOutput(true, input.Model, result.Analysis, usage, first.FromCache, Repaired: false, []);
        }

        var repair = AnalysisPrompt.BuildRepair(text, first.Text, result.Errors);
        var second = await CallAsync(input.Model, repair, cancellationToken).ConfigureAwait(false);
        usage = usage.Add(Usage(second));
        var repaired = validator.Validate(second.Text, text);
        return new AnalyzeChunkOutput(
            repaired.IsValid,
            input.Model,
            repaired.IsValid ? repaired.Analysis : null,
            usage,
            first.FromCache && second.FromCache,
            Repaired: true,
            Describe(repaired));
    }

    private async Task<ModelResponse> CallAsync(string model, AnalysisPromptMessages prompt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        ThrowIfQuotaExhausted(model, settings);
        var request = new ModelRequest
        {
            Model = model,
            Prompt = prompt.UserText,
            SystemInstruction = prompt.SystemInstruction,
            PromptVersion = prompt.Version,
            Temperature = settings.Temperature,
            MaxOutputTokens = settings.MaxOutputTokens,
            ResponseMimeType = "application/json",
            ResponseSchema = ResponseSchema,
        };
        try
        {
            return await models.Gemini.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException ex)
        {
            throw new ModelInvocationException(ex);
        }
    }

    private void ThrowIfQuotaExhausted(string model, PipelineOptions settings)
    {
        if (rateLimiter?.GetPausedUntil(model) is not { } pausedUntil)
        {
            return;
        }

        var wait = pausedUntil - (timeProvider ?? TimeProvider.System).GetUtcNow();
        if (wait > settings.QuotaExhaustedThreshold)
        {
            throw new ModelInvocationException(new ModelCallException(
                ModelErrorKind.RateLimited,
                model,
                string.Create(CultureInfo.InvariantCulture, $"Model '{model}' is paused for another {wait.TotalSeconds:0} s after the service asked callers to wait that long; it was not called."))
            {
                RetryAfter = wait,
            });
        }
    }

    private static TokenUsage Usage(ModelResponse response) => response.FromCache
        ? TokenUsage.Zero
        : new TokenUsage(response.Usage.PromptTokens, response.Usage.BilledOutputTokens, response.Usage.TotalTokens, response.CostUsd);

    private static IReadOnlyList<string> Describe(AnalysisValidationResult result) =>
        result.Errors.Take(20).Select(e => e.ToString()).ToList();
}
