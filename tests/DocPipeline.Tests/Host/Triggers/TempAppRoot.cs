namespace DocPipeline.Tests.Functions.Triggers;

/// <summary>A fresh app root under the temp folder, deleted afterwards.</summary>
public sealed class TempAppRoot : IDisposable
{
    public TempAppRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "docpipeline-triggers", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
