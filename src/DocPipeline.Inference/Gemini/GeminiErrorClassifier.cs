namespace DocPipeline.Inference.Gemini;

/// <summary>Maps an HTTP error to a <see cref="ModelErrorKind"/>.</summary>
internal static class GeminiErrorClassifier
{
    // Phrases that name the size of the input, and phrases that say a limit was passed. Both must appear.
    private static readonly string[] InputSubjects =
    [
        "input token", "token count", "number of tokens", "tokens allowed", "too many tokens", "prompt is too long",
        "input is too long", "context length", "context window", "payload size", "request size", "request payload",
    ];

    private static readonly string[] LimitPhrases =
    [
        "exceed", "too long", "too large", "too many", "only supports up to", "maximum", "limit",
    ];

    // Output-size complaints (a bad maxOutputTokens) are ordinary invalid requests; re-chunking would not help.
    private static readonly string[] OutputSubjects = ["maxoutputtokens", "max_output_tokens", "output token"];

    public static ModelErrorKind Classify(int httpStatus, string? status, string? message)
    {
        if (httpStatus == 429 || status == "RESOURCE_EXHAUSTED")
        {
            return ModelErrorKind.RateLimited;
        }

        return httpStatus switch
        {
            401 or 403 => ModelErrorKind.Unauthorized,
            404 => ModelErrorKind.ModelNotFound,
            413 => ModelErrorKind.InputTooLong,
            400 when status is null or "INVALID_ARGUMENT" && IsInputTooLong(message) => ModelErrorKind.InputTooLong,
            408 or 499 or >= 500 and <= 599 => ModelErrorKind.Transient,
            >= 400 and <= 499 => ModelErrorKind.InvalidRequest,
            _ => ModelErrorKind.MalformedResponse,
        };
    }

    /// <summary>
    /// Decides whether a 400 message means "the input is too big". The services word this differently over time
    /// ("The input token count (N) exceeds the maximum number of tokens allowed (M)", "… input token count is N but
    /// model only supports up to M", "Request payload size exceeds the limit"), so the check requires one phrase
    /// about input size and one about a limit, case-insensitively, and rejects messages about output tokens.
    /// </summary>
    public static bool IsInputTooLong(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return false;
        }

        var text = message.ToLowerInvariant();
        return !OutputSubjects.Any(text.Contains)
            && InputSubjects.Any(text.Contains)
            && LimitPhrases.Any(text.Contains);
    }
}
