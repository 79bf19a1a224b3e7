using System.Runtime.CompilerServices;
using DocPipeline.Documents.Extraction;

namespace DocPipeline.Tests.Documents.Extraction;

/// <summary>Shared plumbing for the extraction tests: bounded runs and rejection assertions.</summary>
internal static class ExtractionTestSupport
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ExtractedDocument> ExtractAsync(byte[] content, string? fileName = null, ExtractionLimits? limits = null)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        return await new DocumentExtractor(limits).ExtractAsync(content, fileName, timeout.Token);
    }

    public static async Task<DocumentRejectedException> RejectedAsync(byte[] content, RejectionReason expected, string? fileName = null, ExtractionLimits? limits = null)
    {
        var rejection = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractAsync(content, fileName, limits));
        Assert.Equal(expected, rejection.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
        return rejection;
    }

    /// <summary>The checkout holding DocPipeline.sln, found above the test binaries or else above this source file.</summary>
    public static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "DocPipeline.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("The repository root (DocPipeline.sln) was not found above " + AppContext.BaseDirectory);
    }
}
