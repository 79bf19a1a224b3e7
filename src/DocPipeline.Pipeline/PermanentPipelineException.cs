namespace DocPipeline.Pipeline;

/// <summary>
/// A failure retrying cannot fix (a rejected document, a bad request); carries machine-readable facts. Retry policies
/// of the pipeline refuse to retry it (<see cref="TaskFailures.IsPermanent"/>): the Durable Task SDK has no
/// non-retriable flag, so the failure's <c>ErrorType</c> (this type's full name) is the mark.
/// </summary>
public sealed class PermanentPipelineException : Exception, IPipelineFailure
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, in words a user can act on.</param>
    /// <param name="properties">Machine-readable facts.</param>
    /// <param name="innerException">The cause.</param>
    public PermanentPipelineException(string message, IReadOnlyDictionary<string, string>? properties = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FailureProperties = properties;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? FailureProperties { get; }
}
