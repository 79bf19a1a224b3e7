using DocPipeline.Durable;

namespace DocPipeline.Host.Pipeline;

/// <summary>A failure retrying cannot fix (a rejected document, a bad request); carries machine-readable facts.</summary>
public sealed class PermanentPipelineException : Exception, INonRetriableException, IFailureProperties
{
    /// <summary>Creates the exception.</summary>
    public PermanentPipelineException(string message, IReadOnlyDictionary<string, string>? properties = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FailureProperties = properties;
    }

    /// <inheritdoc />
    public bool IsNonRetriable => true;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? FailureProperties { get; }
}
