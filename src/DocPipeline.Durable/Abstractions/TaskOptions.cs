namespace DocPipeline.Durable;

/// <summary>Options for an activity call.</summary>
/// <param name="Retry">The retry policy, if any.</param>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with the given policy.</summary>
    /// <param name="policy">The policy.</param>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
