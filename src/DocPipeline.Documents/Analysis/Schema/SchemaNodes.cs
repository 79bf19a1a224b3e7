namespace DocPipeline.Documents.Analysis.Schema;

/// <summary>A schema-language-neutral description of a JSON value, rendered as JSON Schema and as a Gemini response schema.</summary>
internal abstract record SchemaNode(string Description);

internal sealed record SchemaProperty(string Name, SchemaNode Node, bool Required = true);

internal sealed record ObjectNode(string Description, IReadOnlyList<SchemaProperty> Properties) : SchemaNode(Description);

internal sealed record ArrayNode(string Description, SchemaNode Items, int MaxItems) : SchemaNode(Description);

internal sealed record StringNode(
    string Description,
    int MaxLength,
    int MinLength = 0,
    IReadOnlyList<string>? Enum = null,
    string? Pattern = null,
    bool Nullable = false) : SchemaNode(Description);

internal sealed record NumberNode(string Description) : SchemaNode(Description);
