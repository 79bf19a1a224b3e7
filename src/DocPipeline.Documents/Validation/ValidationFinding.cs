namespace DocPipeline.Documents.Validation;

/// <summary>One problem found in a model response.</summary>
/// <param name="Kind">The check that found it.</param>
/// <param name="Path">Where in the JSON, as a JSONPath such as <c>$.keyFacts[2].evidence</c> (<c>$</c> for the whole response).</param>
/// <param name="Message">What is wrong, in a form that can be shown to the model in a repair prompt.</param>
public sealed record ValidationFinding(ValidationFindingKind Kind, string Path, string Message)
{
    /// <summary>The finding as one line: <c>path: message</c>.</summary>
    /// <returns>A single line of text.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
