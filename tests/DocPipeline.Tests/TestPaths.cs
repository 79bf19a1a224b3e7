using System.Reflection;

namespace DocPipeline.Tests;

/// <summary>Where the repository and the build outputs of helper programs are.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(TestPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built dll of a project under the repository (e.g. "tests/DocPipeline.DurableTask.TestWorker").</summary>
    public static string ProjectDll(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(RepositoryRoot, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build output not found: {path}. Build the solution first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DocPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("DocPipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
