using System.Text.Json;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>A document through the real pipeline with Gemini answering well.</summary>
public sealed class GeminiHappyPathTests : PipelineTests
{
    private protected override void Prepare(FakeGeminiServer gemini)
    {
        gemini.RequiredApiKey = PipelineTestHost.ApiKey;
        gemini.Responder = ModelAnswers.Valid;
    }

    [Fact]
    public async Task Run_ValidGeminiAnswer_CompletesWithPrimaryModelUsageAndRedactions()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var output = instance.ReadOutputAs<DocumentPipelineOutput>()!;
        Assert.Equal([PipelineTestHost.PrimaryModel], output.Models);
        Assert.True(output.Valid);
        Assert.True(output.CostUsd > 0);

        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        Assert.Equal([PipelineTestHost.PrimaryModel], result.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.True(result.GetProperty("validation").GetProperty("valid").GetBoolean());
        var usage = result.GetProperty("usage").GetProperty("total");
        Assert.True(usage.GetProperty("promptTokens").GetInt64() > 0);
        Assert.True(usage.GetProperty("outputTokens").GetInt64() > 0);
        Assert.True(usage.GetProperty("costUsd").GetDecimal() > 0);
        Assert.True(result.GetProperty("usage").GetProperty("byModel").GetProperty(PipelineTestHost.PrimaryModel).GetProperty("costUsd").GetDecimal() > 0);

        var redactions = result.GetProperty("redactions");
        Assert.Equal(2, redactions.GetProperty("EMAIL").GetInt32());
        Assert.Equal(1, redactions.GetProperty("CARD").GetInt32());
        Assert.Equal(1, redactions.GetProperty("IBAN").GetInt32());
        Assert.Equal(1, redactions.GetProperty("PHONE").GetInt32());
        Assert.Equal(3, redactions.GetProperty("PERSON").GetInt32());
        Assert.Equal(1, redactions.GetProperty("ADDRESS").GetInt32());

        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        Assert.Equal(PipelineTestHost.PrimaryModel, chunk.GetProperty("model").GetString());
        Assert.False(chunk.GetProperty("fromCache").GetBoolean());
        Assert.False(chunk.GetProperty("repaired").GetBoolean());
        Assert.Empty(chunk.GetProperty("fallbacks").EnumerateArray());

        var request = Assert.Single(Gemini.Requests);
        Assert.Equal("DeveloperApi", request.Backend);
        Assert.Equal(PipelineTestHost.PrimaryModel, request.Model);
        Assert.Null(request.Rejection);
        Assert.Equal("application/json", request.GenerationConfig?["responseMimeType"]?.GetValue<string>());
    }

    [Fact]
    public async Task Run_DocumentWithPii_ModelSeesPlaceholdersNeverTheValues()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var request = Assert.Single(Gemini.Requests);
        foreach (var value in TestDocuments.PiiValues)
        {
            Assert.DoesNotContain(value, request.Body, StringComparison.OrdinalIgnoreCase);
        }

        var prompt = ModelAnswers.DocumentText(request);
        foreach (var placeholder in new[] { "[EMAIL_1]", "[EMAIL_2]", "[CARD_1]", "[IBAN_1]", "[PHONE_1]", "[PERSON_1]", "[PERSON_2]", "[ADDRESS_1]" })
        {
            Assert.Contains(placeholder, prompt, StringComparison.Ordinal);
        }

        Assert.Contains("EUR 249.00", prompt, StringComparison.Ordinal);

        // What is derived after redaction keeps no values either: the result, the redacted text and chunks, cached answers.
        var stored = Directory.EnumerateFiles(Pipeline.Root, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains("results", StringComparison.Ordinal) || f.Contains("model-responses", StringComparison.Ordinal) ||
                        f.EndsWith("sanitized.txt", StringComparison.Ordinal) || f.Contains("chunks", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(4, stored.Count);
        foreach (var file in stored)
        {
            var text = await File.ReadAllTextAsync(file, timeout.Token);
            Assert.DoesNotContain("jane.doe@example.com", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DE89 3704", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Priya Tanaka", text, StringComparison.Ordinal);
            Assert.DoesNotContain("290 Baker Street", text, StringComparison.Ordinal);
        }

        var history = JsonSerializer.Serialize(await Pipeline.HistoryAsync(instance.InstanceId, timeout.Token));
        Assert.DoesNotContain("jane.doe@example.com", history, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4111 1111", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya Tanaka", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Baker Street", history, StringComparison.Ordinal);
    }
}
