using System.Text;
using System.Text.Json;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>Small readers for the JSON the serve host answers with.</summary>
public static class ServeJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() ?? string.Empty : throw new Xunit.Sdk.XunitException($"No '{property}' in {element}");

    /// <summary>A small text document whose content (and so instance id) is unique to the test.</summary>
    public static byte[] UniqueText(string? topic = null) => Encoding.UTF8.GetBytes(
        $"Quarterly report {Guid.NewGuid():N}.\n\n{topic ?? "Revenue grew by 12 percent in the third quarter."} " +
        "The board approved the budget for the new warehouse in Rotterdam. Contact the finance team for details.\n");
}
