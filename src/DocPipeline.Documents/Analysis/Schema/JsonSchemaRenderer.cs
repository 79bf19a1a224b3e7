using System.Text.Json.Nodes;

namespace DocPipeline.Documents.Analysis.Schema;

/// <summary>Renders a <see cref="SchemaNode"/> as JSON Schema draft-07 (the dialect NJsonSchema validates best).</summary>
internal static class JsonSchemaRenderer
{
    public static JsonObject Render(ObjectNode root)
    {
        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "DocumentAnalysis",
        };

        foreach (var (key, value) in RenderNode(root))
        {
            schema[key] = value?.DeepClone();
        }

        return schema;
    }

    private static JsonObject RenderNode(SchemaNode node) => node switch
    {
        ObjectNode o => RenderObject(o),
        ArrayNode a => new JsonObject
        {
            ["type"] = "array",
            ["description"] = a.Description,
            ["maxItems"] = a.MaxItems,
            ["items"] = RenderNode(a.Items),
        },
        StringNode s => RenderString(s),
        NumberNode n => new JsonObject { ["type"] = "number", ["description"] = n.Description },
        _ => throw new InvalidOperationException($"Unsupported schema node {node.GetType().Name}."),
    };

    private static JsonObject RenderObject(ObjectNode o)
    {
        var properties = new JsonObject();
        foreach (var p in o.Properties)
        {
            properties[p.Name] = RenderNode(p.Node);
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = o.Description,
            ["additionalProperties"] = false,
            ["required"] = new JsonArray(o.Properties.Where(p => p.Required).Select(p => (JsonNode?)JsonValue.Create(p.Name)).ToArray()),
            ["properties"] = properties,
        };
    }

    private static JsonObject RenderString(StringNode s)
    {
        var result = new JsonObject
        {
            ["type"] = s.Nullable ? new JsonArray("string", "null") : "string",
            ["description"] = s.Description,
        };

        if (s.Enum is not null)
        {
            result["enum"] = new JsonArray(s.Enum.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }

        if (s.MinLength > 0)
        {
            result["minLength"] = s.MinLength;
        }

        result["maxLength"] = s.MaxLength;
        if (s.Pattern is not null)
        {
            result["pattern"] = s.Pattern;
        }

        return result;
    }
}
