using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>Broken and hostile files fail their own run with a clear reason and never hold up other documents.</summary>
public sealed class BadInputTests() : PipelineTests(new Dictionary<string, string?> { ["Pipeline:MaxUncompressedBytes"] = "16777216" })
{
    private protected override void Prepare(FakeGeminiServer gemini)
    {
        gemini.Responder = ModelAnswers.Valid;
    }

    [Fact]
    public async Task Run_BadDocumentsAmongGoodOnes_EachBadOneFailsClearlyAndTheGoodOnesComplete()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var bad = new (string Name, byte[] Content, string[] Mentions)[]
        {
            ("statement-truncated.pdf", TestDocuments.TruncatedPdf(), ["PDF"]),
            ("salaries.pdf", TestDocuments.EncryptedPdfFile(), ["encrypted", "password"]),
            ("order-bomb.docx", TestDocuments.ZipBombDocx(), ["decompress"]),
            ("empty.txt", [], ["empty"]),
            ("junk.pdf", TestDocuments.BinaryJunk(), ["binary"]),
        };
        var good = new (string Name, byte[] Content)[]
        {
            ("refund.txt", TestDocuments.RefundEmail()),
            ("report.txt", TestDocuments.LongReport(sections: 2)),
        };

        // Everything is submitted before anything is awaited, so the runs overlap.
        var submissions = new Dictionary<string, Submission>();
        foreach (var (name, content) in bad.Select(b => (b.Name, b.Content)).Concat(good).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            submissions[name] = await Pipeline.Submitter.SubmitAsync(content, name, "test", cancellationToken: timeout.Token);
        }

        var outcomes = new Dictionary<string, OrchestrationMetadata>();
        foreach (var (name, submission) in submissions)
        {
            outcomes[name] = await Pipeline.Client.WaitForInstanceCompletionAsync(submission.InstanceId, getInputsAndOutputs: true, timeout.Token);
        }

        foreach (var (name, _, mentions) in bad)
        {
            var instance = outcomes[name];
            Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed, $"{name}: {instance.RuntimeStatus}");
            var error = instance.FailureDetails?.ErrorMessage ?? string.Empty;
            Assert.StartsWith("ExtractText failed: ", error, StringComparison.Ordinal);
            foreach (var mention in mentions)
            {
                Assert.True(error.Contains(mention, StringComparison.OrdinalIgnoreCase), $"{name}: the error does not mention '{mention}': {error}");
            }
        }

        foreach (var (name, _) in good)
        {
            Assert.True(outcomes[name].RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{name}: {outcomes[name].FailureDetails}");
        }

        // Only the good documents reached the model, and only they have results.
        Assert.All(Gemini.Requests, r => Assert.DoesNotContain("Purchase order 7781", r.Body, StringComparison.Ordinal));
        Assert.Equal(
            good.Select(g => submissions[g.Name].InstanceId).Order(StringComparer.Ordinal),
            Directory.GetFiles(Pipeline.ResultsPath).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
    }
}
