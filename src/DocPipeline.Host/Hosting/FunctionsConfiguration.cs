using System.Text.Json;

namespace DocPipeline.Host.Hosting;

/// <summary>
/// Configuration the Azure Functions way: <c>host.json</c> at the app root, <c>local.settings.json</c> whose
/// <c>Values</c> become settings (<c>A__B</c> is <c>A:B</c>), then environment variables, which win.
/// </summary>
public static class FunctionsConfiguration
{
    /// <summary>Adds host.json, local.settings.json and the environment, in that order of precedence (last wins).</summary>
    public static IConfigurationBuilder AddFunctionsConfiguration(this IConfigurationBuilder builder, string appRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var hostJson = Path.Combine(appRoot, "host.json");
        if (File.Exists(hostJson))
        {
            builder.AddJsonFile(hostJson, optional: true, reloadOnChange: false);
        }

        var localSettings = Path.Combine(appRoot, "local.settings.json");
        if (File.Exists(localSettings))
        {
            builder.AddInMemoryCollection(ReadLocalSettings(localSettings));
        }

        builder.AddEnvironmentVariables();
        return builder;
    }

    /// <summary>Reads the <c>Values</c> (and <c>Host</c>) of a local.settings.json file as flat settings.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ReadLocalSettings(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var settings = new List<KeyValuePair<string, string?>>();
            if (document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in values.EnumerateObject())
                {
                    var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    settings.Add(new(property.Name.Replace("__", ":", StringComparison.Ordinal), value));
                }
            }

            if (document.RootElement.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in host.EnumerateObject())
                {
                    settings.Add(new("Host:" + property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText()));
                }
            }

            return settings;
        }
    }
}
