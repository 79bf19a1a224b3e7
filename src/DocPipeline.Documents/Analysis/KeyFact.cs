using System.Text.Json.Serialization;

namespace DocPipeline.Documents.Analysis;

/// <summary>An important statement and the passage of the document that supports it.</summary>
/// <param name="Statement">The fact in a sentence; numbers and dates in it must appear in the document.</param>
/// <param name="Evidence">A verbatim quote from the document.</param>
public sealed record KeyFact(
    [property: JsonPropertyName("statement")] string Statement,
    [property: JsonPropertyName("evidence")] string Evidence);
