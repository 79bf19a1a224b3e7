namespace DocPipeline.Messaging.EventGrid;

/// <summary>
/// A queue message could not be read as blob notifications. The message says what was wrong and, for a batch,
/// which event; it never repeats the body.
/// </summary>
public sealed class BlobEventParseException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public BlobEventParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public BlobEventParseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception without a message; prefer the other constructors.</summary>
    public BlobEventParseException()
        : base("The message is not a blob notification.")
    {
    }
}
