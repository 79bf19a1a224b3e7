using DocPipeline.Tests.Functions.Pipeline;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Functions.Tests.Pipeline;

/// <summary>Broken and hostile files fail their own run with a clear reason, and the next document still completes.</summary>
public sealed class BadInputTests() : PipelineTests(new Dictionary<string, string?> { ["Pipeline:MaxUncompressedBytes"] = "16777216" })
{
    [Theory]
    [InlineData("statement-truncated.pdf", "PDF")]
    [InlineData("salaries.pdf", "encrypted")]
    [InlineData("order-bomb.docx", "decompress")]
    [InlineData("empty.txt", "empty")]
    [InlineData("junk.pdf", "binary")]
    public async Task RunAsync_BadDocument_FailsNamingTheProblemAndTheNextDocumentCompletes(string name, string mention)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Gemini.Responder = ModelAnswers.Valid;
        var content = name switch
        {
            "statement-truncated.pdf" => TestDocuments.TruncatedPdf(),
            "salaries.pdf" => TestDocuments.EncryptedPdfFile(),
            "order-bomb.docx" => TestDocuments.ZipBombDocx(),
            "empty.txt" => [],
            _ => TestDocuments.BinaryJunk(),
        };

        var bad = await Pipeline.RunAsync(content, name, cancellationToken: timeout.Token);
        var good = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, bad.RuntimeStatus);
        var error = bad.FailureDetails?.ErrorMessage ?? string.Empty;
        Assert.StartsWith("ExtractText failed: ", error, StringComparison.Ordinal);
        Assert.Contains(mention, error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, good.RuntimeStatus);
        Assert.Equal([good.InstanceId], Directory.GetFiles(Pipeline.ResultsPath).Select(Path.GetFileNameWithoutExtension));
        Assert.All(Gemini.Requests, r => Assert.DoesNotContain("Purchase order 7781", r.Body, StringComparison.Ordinal));
    }
}
