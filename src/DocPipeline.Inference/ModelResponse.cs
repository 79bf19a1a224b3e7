namespace DocPipeline.Inference;

/// <summary>A complete answer from a model.</summary>
public sealed record ModelResponse
{
    /// <summary>The model id that was requested.</summary>
    public required string Model { get; init; }

    /// <summary>The answer: every non-reasoning text part of the first candidate, concatenated.</summary>
    public required string Text { get; init; }

    /// <summary>Why generation stopped.</summary>
    public required ModelFinishReason FinishReason { get; init; }

    /// <summary>The finish reason exactly as the service sent it, or null when absent.</summary>
    public string? RawFinishReason { get; init; }

    /// <summary>Token counts.</summary>
    public ModelUsage Usage { get; init; } = ModelUsage.Empty;

    /// <summary>The concrete model version that answered, when reported.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The service's response id, when reported.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Cost of the call in US dollars; 0 when the model has no known price.</summary>
    /// <remarks>For a cached answer this is what the original call cost, not a new charge.</remarks>
    public decimal CostUsd { get; init; }

    /// <summary>True when the answer was read from the response store instead of calling the model.</summary>
    public bool FromCache { get; init; }
}
