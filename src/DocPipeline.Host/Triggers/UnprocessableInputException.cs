namespace DocPipeline.Host.Triggers;

/// <summary>
/// An input that will never succeed however often it is retried (a malformed message, a missing or oversized blob).
/// Triggers set it aside at once, with this message as the reason, instead of retrying.
/// </summary>
internal sealed class UnprocessableInputException : Exception
{
    /// <summary>The short category Service Bus records as a dead-lettered message's reason.</summary>
    public const string DefaultCategory = "UnprocessableMessage";

    public UnprocessableInputException(string message)
        : base(message)
    {
    }

    public UnprocessableInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public UnprocessableInputException()
        : base("The input cannot be processed.")
    {
    }

    /// <summary>A short, stable name for what went wrong (<c>UnparseableMessage</c>, <c>BlobNotFound</c>, <c>DocumentTooLarge</c>…).</summary>
    public string Category { get; init; } = DefaultCategory;

    public static UnprocessableInputException TooLarge(string what, long size, long limit) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} is {size:N0} bytes; the limit is {limit:N0} (Pipeline:MaxDocumentBytes)."))
        {
            Category = "DocumentTooLarge",
        };
}
