namespace DocPipeline.Durable;

/// <summary>Implemented by exceptions that carry machine-readable facts into <see cref="TaskFailureDetails.Properties"/>.</summary>
public interface IFailureProperties
{
    /// <summary>The facts to record with the failure.</summary>
    IReadOnlyDictionary<string, string>? FailureProperties { get; }
}
