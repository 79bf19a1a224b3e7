using System.Text.Json;
using System.Text.RegularExpressions;

namespace DocPipeline.Tests.Infra;

/// <summary>
/// The top-level declarations of one Bicep file as parse-bicep.js reports them: literals as JSON values, other
/// expressions as <c>{"$expr": text}</c>, conditions as <c>{"$if": text, "then": …, "else": …}</c>.
/// </summary>
public sealed partial record BicepDeclarations(JsonElement Params, JsonElement Vars, JsonElement Outputs, JsonElement Modules)
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
    /// A var resolved to a string: a literal, another var named by it, or an interpolated string whose parts are params
    /// with literal defaults (<c>${hubName}</c>, <c>${toLower(hubName)}</c>).
    /// </summary>
    public string ResolveVar(string name) => Vars.TryGetProperty(name, out var value)
        ? Resolve(value)
        : throw new KeyNotFoundException($"var '{name}' is not declared in the Bicep file.");

    /// <summary>A var that is an array, each element resolved as <see cref="ResolveVar"/> does.</summary>
    public IReadOnlyList<string> ResolveArrayVar(string name) => Vars.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Select(Resolve).ToList()
        : throw new KeyNotFoundException($"var '{name}' is not an array literal in the Bicep file.");

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

    private string Resolve(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return Interpolation().Replace(value.GetString()!, m =>
            {
                var parameter = ParamDefault(m.Groups["param"].Value).GetString()!;
                return m.Groups["lower"].Success ? parameter.ToLowerInvariant() : parameter;
            });
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("$expr", out var expression) && Vars.TryGetProperty(expression.GetString()!, out var referenced))
        {
            return Resolve(referenced);
        }

        throw new InvalidOperationException($"'{value}' cannot be resolved to a string.");
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

    [GeneratedRegex(@"\$\{(?:(?<lower>toLower)\((?<param>\w+)\)|(?<param>\w+))\}")]
    private static partial Regex Interpolation();
}
