namespace DocPipeline.Inference;

/// <summary>Why the model stopped, parsed from the service's string value.</summary>
public enum ModelFinishReason
{
    /// <summary>The service did not say.</summary>
    Unspecified,

    /// <summary>Natural end of the answer.</summary>
    Stop,

    /// <summary>The output token limit cut the answer short.</summary>
    MaxTokens,

    /// <summary>Stopped by safety filters.</summary>
    Safety,

    /// <summary>Stopped because the answer recited protected material.</summary>
    Recitation,

    /// <summary>Stopped by a term block list.</summary>
    Blocklist,

    /// <summary>Stopped for prohibited content.</summary>
    ProhibitedContent,

    /// <summary>Stopped for sensitive personally identifiable information.</summary>
    Spii,

    /// <summary>Stopped by Model Armor.</summary>
    ModelArmor,

    /// <summary>The prompt's language is not supported.</summary>
    Language,

    /// <summary>The model produced an invalid function call.</summary>
    MalformedFunctionCall,

    /// <summary>Stopped for an unstated reason.</summary>
    Other,

    /// <summary>A value this library does not know; the raw text is kept alongside.</summary>
    Unknown,
}
