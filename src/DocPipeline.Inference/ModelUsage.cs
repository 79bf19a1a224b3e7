namespace DocPipeline.Inference;

/// <summary>Token counts reported for one call.</summary>
/// <param name="PromptTokens">Input tokens, including cached ones.</param>
/// <param name="CandidatesTokens">Answer tokens.</param>
/// <param name="ThoughtsTokens">Reasoning tokens; billed as output.</param>
/// <param name="TotalTokens">Total as reported by the service.</param>
/// <param name="CachedTokens">Input tokens served from the service's context cache.</param>
public sealed record ModelUsage(int PromptTokens, int CandidatesTokens, int ThoughtsTokens, int TotalTokens, int CachedTokens)
{
    /// <summary>No tokens.</summary>
    public static ModelUsage Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Tokens billed at the output rate: answer plus reasoning.</summary>
    public int BilledOutputTokens => CandidatesTokens + ThoughtsTokens;
}
