namespace DocPipeline.Functions.Tests.Support;

/// <summary>Where the repository is, found from the test output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DocPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (DocPipeline.sln) was not found above " + AppContext.BaseDirectory);
    }
}
