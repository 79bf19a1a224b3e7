namespace DocPipeline.Documents.Validation;

/// <summary>Extracts the JSON object from a model response that may wrap it in Markdown fences or a sentence.</summary>
internal static class ModelJson
{
    public static string Extract(string response)
    {
        var text = response.Trim().TrimStart('\uFEFF').Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
            text = firstLineEnd < 0 ? text[3..] : text[(firstLineEnd + 1)..];
            var closing = text.LastIndexOf("```", StringComparison.Ordinal);
            if (closing >= 0)
            {
                text = text[..closing];
            }

            text = text.Trim();
        }

        if (text.Length > 0 && text[0] != '{' && text[0] != '[')
        {
            var open = text.IndexOf('{', StringComparison.Ordinal);
            var close = text.LastIndexOf('}');
            if (open >= 0 && close > open)
            {
                text = text[open..(close + 1)];
            }
        }

        return text;
    }
}
