using System.Text.Json;

namespace DocPipeline.Tests.Infra;

/// <summary>
/// The top-level declarations of one Bicep file as parse-bicep.js reports them: literals as JSON values, other
/// expressions as <c>{"$expr": text}</c>, conditions as <c>{"$if": text, "then": …, "else": …}</c>.
/// </summary>
public sealed record BicepDeclarations(JsonElement Params, JsonElement Vars, JsonElement Outputs, JsonElement Modules)
{
    /// <summary>A var that must be a string literal (an interpolated string keeps its <c>${…}</c> parts).</summary>
    public string StringVar(string name) => Vars.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new KeyNotFoundException($"var '{name}' is not a string literal in the Bicep file.");

    /// <summary>The default value of a param, which must be a literal.</summary>
    public JsonElement ParamDefault(string name) => Params.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Object
        ? value
        : throw new KeyNotFoundException($"param '{name}' has no literal default in the Bicep file.");

    /// <summary>
    /// The setting names of every var whose name ends in <c>Settings</c>, taking both branches of a condition: every
    /// app setting the template can pass.
    /// </summary>
    public IReadOnlySet<string> SettingNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var variable in Vars.EnumerateObject().Where(v => v.Name.EndsWith("Settings", StringComparison.Ordinal)))
        {
            Collect(variable.Value, names);
        }

        return names;
    }

    private static void Collect(JsonElement value, SortedSet<string> names)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (value.TryGetProperty("$if", out _))
        {
            Collect(value.GetProperty("then"), names);
            Collect(value.GetProperty("else"), names);
            return;
        }

        if (value.TryGetProperty("$expr", out _))
        {
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            names.Add(property.Name);
        }
    }
}
