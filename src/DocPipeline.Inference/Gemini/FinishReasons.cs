namespace DocPipeline.Inference.Gemini;

/// <summary>Maps Gemini finish-reason strings; both back ends share the names even where enum numbers differ.</summary>
internal static class FinishReasons
{
    public static ModelFinishReason Parse(string? value) => value switch
    {
        null or "" or "FINISH_REASON_UNSPECIFIED" => ModelFinishReason.Unspecified,
        "STOP" => ModelFinishReason.Stop,
        "MAX_TOKENS" => ModelFinishReason.MaxTokens,
        "SAFETY" or "IMAGE_SAFETY" => ModelFinishReason.Safety,
        "RECITATION" or "IMAGE_RECITATION" => ModelFinishReason.Recitation,
        "BLOCKLIST" => ModelFinishReason.Blocklist,
        "PROHIBITED_CONTENT" or "IMAGE_PROHIBITED_CONTENT" => ModelFinishReason.ProhibitedContent,
        "SPII" => ModelFinishReason.Spii,
        "MODEL_ARMOR" => ModelFinishReason.ModelArmor,
        "LANGUAGE" => ModelFinishReason.Language,
        "MALFORMED_FUNCTION_CALL" => ModelFinishReason.MalformedFunctionCall,
        "OTHER" => ModelFinishReason.Other,
        _ => ModelFinishReason.Unknown,
    };

    public static bool IsFilter(ModelFinishReason reason) => reason is ModelFinishReason.Safety
        or ModelFinishReason.Recitation
        or ModelFinishReason.Blocklist
        or ModelFinishReason.ProhibitedContent
        or ModelFinishReason.Spii
        or ModelFinishReason.ModelArmor;
}
