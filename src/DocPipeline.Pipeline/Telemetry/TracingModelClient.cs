using System.Diagnostics;
using DocPipeline.Inference;

namespace DocPipeline.Pipeline.Telemetry;

/// <summary>
/// Wraps a model client in a client span per call (OpenTelemetry GenAI attribute names) and records tokens, cost and
/// outcomes by model. When nobody listens it calls straight through.
/// </summary>
/// <param name="inner">The client that does the work (usually the response cache over Gemini).</param>
public sealed class TracingModelClient(IModelClient inner) : IModelClient
{
    /// <inheritdoc />
    public Task<ModelResponse> GenerateAsync(ModelRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DocPipelineTelemetry.Source.HasListeners() || PipelineMetrics.ModelsEnabled
            ? GenerateObservedAsync(request, cancellationToken)
            : inner.GenerateAsync(request, cancellationToken);
    }

    private async Task<ModelResponse> GenerateObservedAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        using var span = DocPipelineTelemetry.Source.StartActivity("generate_content " + request.Model, ActivityKind.Client);
        span?.SetTag("gen_ai.operation.name", "generate_content");
        span?.SetTag("gen_ai.request.model", request.Model);
        try
        {
            var response = await inner.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
            if (span is not null)
            {
                span.SetTag("gen_ai.response.model", response.ModelVersion ?? response.Model);
                span.SetTag("gen_ai.usage.input_tokens", response.Usage.PromptTokens);
                span.SetTag("gen_ai.usage.output_tokens", response.Usage.BilledOutputTokens);
                span.SetTag("gen_ai.response.finish_reasons", response.FinishReason.ToString());
                span.SetTag("docpipeline.cost_usd", (double)response.CostUsd);
                span.SetTag("docpipeline.from_cache", response.FromCache);
            }

            PipelineMetrics.ModelAnswered(response);
            return response;
        }
        catch (ModelCallException ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Kind.ToString());
            span?.SetTag("error.type", ex.Kind.ToString());
            PipelineMetrics.ModelFailed(request.Model, ex.Kind);
            throw;
        }
    }
}
