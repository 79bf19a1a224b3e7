namespace DocPipeline.Durable;

/// <summary>
/// The orchestrator code no longer matches its recorded history: replay expected one call and the code made another.
/// The instance fails with this error instead of silently running the wrong steps.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What history expected and what the code did.</param>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }
}
