using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace DocPipeline.Tests.Infra;

/// <summary>
/// What the built Functions app (src/DocPipeline.Functions) reads: the constants of its names classes, its generated
/// functions.metadata, its host.json and its options types, loaded from the build output in a load context of their
/// own so they are the app's, not copies.
/// </summary>
public sealed class FunctionsAppBuild : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly Assembly _app;

    public FunctionsAppBuild()
    {
        var dll = TestPaths.ProjectDll("src/DocPipeline.Functions", "DocPipeline.Functions");
        OutputDirectory = Path.GetDirectoryName(dll)!;
        _context = new OutputLoadContext(OutputDirectory);
        _app = _context.LoadFromAssemblyPath(dll);
        using (var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "functions.metadata"))))
        {
            Functions = metadata.RootElement.EnumerateArray().Select(f => f.Clone()).ToList();
        }

        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "host.json")), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        HostJson = host.RootElement.Clone();
    }

    public string OutputDirectory { get; }

    /// <summary>The functions in functions.metadata, each with its <c>name</c> and <c>bindings</c>.</summary>
    public IReadOnlyList<JsonElement> Functions { get; }

    public JsonElement HostJson { get; }

    /// <summary>The string constants of a type in the app (for example DocPipeline.Functions.StorageNames).</summary>
    public IReadOnlyDictionary<string, string> Constants(string typeName) =>
        Type(typeName).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

    /// <summary>A type of the app or of an assembly beside it, by assembly-qualified short name ("Type, Assembly").</summary>
    public Type Type(string typeName)
    {
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        var assembly = comma < 0 ? _app : _context.LoadFromAssemblyName(new AssemblyName(typeName[(comma + 1)..].Trim()));
        var name = comma < 0 ? typeName : typeName[..comma].Trim();
        return assembly.GetType(name, throwOnError: true)!;
    }

    /// <summary>The one function in functions.metadata with this name.</summary>
    public JsonElement Function(string name) =>
        Functions.SingleOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } function
            ? function
            : throw new KeyNotFoundException($"functions.metadata has no function '{name}'; it has {string.Join(", ", Functions.Select(f => f.GetProperty("name").GetString()))}.");

    public void Dispose() => _context.Unload();

    private sealed class OutputLoadContext(string directory) : AssemblyLoadContext("functions-app-build", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
