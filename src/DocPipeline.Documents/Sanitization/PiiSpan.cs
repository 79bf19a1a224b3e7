namespace DocPipeline.Documents.Sanitization;

/// <summary>
/// Where a piece of personal or secret data sits in a text. It carries no copy of the value, so it is safe to log.
/// </summary>
/// <param name="Type">The kind of data.</param>
/// <param name="Start">Index of the first character in the scanned text.</param>
/// <param name="Length">Number of characters.</param>
public readonly record struct PiiSpan(PiiType Type, int Start, int Length)
{
    /// <summary>Index one past the last character.</summary>
    public int End => Start + Length;
}
