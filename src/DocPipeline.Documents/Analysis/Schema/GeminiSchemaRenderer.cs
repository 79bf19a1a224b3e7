using System.Text.Json.Nodes;

namespace DocPipeline.Documents.Analysis.Schema;

/// <summary>
/// Renders a <see cref="SchemaNode"/> in the OpenAPI subset that Gemini's <c>responseSchema</c> accepts: upper-case
/// types, <c>nullable</c>, <c>enum</c> with <c>format: enum</c>, <c>propertyOrdering</c> so fields come out in
/// schema order, and <c>maxItems</c>. Length limits and patterns are left to validation because not every Gemini
/// endpoint accepts them.
/// </summary>
internal static class GeminiSchemaRenderer
{
    public static JsonObject Render(SchemaNode node) => node switch
    {
        ObjectNode o => RenderObject(o),
        ArrayNode a => new JsonObject
        {
            ["type"] = "ARRAY",
            ["description"] = a.Description,
            ["maxItems"] = a.MaxItems,
            ["items"] = Render(a.Items),
        },
        StringNode s => RenderString(s),
        NumberNode n => new JsonObject { ["type"] = "NUMBER", ["description"] = n.Description },
        _ => throw new InvalidOperationException($"Unsupported schema node {node.GetType().Name}."),
    };

    private static JsonObject RenderObject(ObjectNode o)
    {
        var properties = new JsonObject();
        foreach (var p in o.Properties)
        {
            properties[p.Name] = Render(p.Node);
        }

        return new JsonObject
        {
            ["type"] = "OBJECT",
            ["description"] = o.Description,
            ["properties"] = properties,
            ["required"] = new JsonArray(o.Properties.Where(p => p.Required).Select(p => (JsonNode?)JsonValue.Create(p.Name)).ToArray()),
            ["propertyOrdering"] = new JsonArray(o.Properties.Select(p => (JsonNode?)JsonValue.Create(p.Name)).ToArray()),
        };
    }

    private static JsonObject RenderString(StringNode s)
    {
        var result = new JsonObject { ["type"] = "STRING", ["description"] = s.Description };
        if (s.Enum is not null)
        {
            result["format"] = "enum";
            result["enum"] = new JsonArray(s.Enum.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }

        if (s.Nullable)
        {
            result["nullable"] = true;
        }

        return result;
    }
}
