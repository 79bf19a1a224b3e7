using DocPipeline.Documents.Analysis;
using DocPipeline.Inference;

namespace DocPipeline.Pipeline.Models;

/// <summary>Routes a model name to the client that serves it: the offline analyzer, or Gemini behind the response cache.</summary>
public sealed class ModelClients(IModelClient? gemini)
{
    /// <summary>The offline analyzer's model name.</summary>
    public const string Offline = OfflineAnalyzer.ModelName;

    /// <summary>Whether Gemini credentials are configured.</summary>
    public bool HasGemini => gemini is not null;

    /// <summary>The Gemini client (with the idempotent response cache).</summary>
    public IModelClient Gemini => gemini ?? throw new InvalidOperationException("No Gemini credentials are configured (Pipeline:Gemini); only the offline analyzer is available.");
}
