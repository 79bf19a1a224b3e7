using System.Text.Json;
using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Chunking;
using DocPipeline.Documents.Prompting;
using DocPipeline.Documents.Sanitization;
using DocPipeline.Documents.Validation;

namespace DocPipeline.Tests.Documents.Analysis;

/// <summary>The sanitize → chunk → prompt → analyse → combine → validate path, run with the offline analyzer.</summary>
public sealed class DocumentFlowTests
{
    [Fact]
    public void PagesThroughOfflineAnalysis_CombinedResultIsValidAndFreeOfPii()
    {
        var pages = Enumerable.Range(1, 6).Select(p =>
            "Globex Corporation - Supply Agreement - Confidential\n\n" +
            $"Section {p}. Acme Widgets GmbH shall deliver {p * 100} units in month {p} of the agreement, invoiced at €{p},250.00 per batch. " +
            $"Deliveries are confirmed by the supplier to orders{p}@globex.example.com within two working days.\n" +
            $"Disputes about section {p} are escalated to Dr. Jane Smith on +44 20 7946 09{p:00} before 1{p} March 2024.\n\n" +
            $"Page {p} of 6").ToList();

        var sanitized = new TextSanitizer().Sanitize(pages);
        var chunks = TextChunker.Split(sanitized.Text, new ChunkingOptions { MaxTokens = 120, OverlapTokens = 20 });
        var prompts = chunks.Select(c => AnalysisPrompt.Build(c.Text, c.Index, chunks.Count)).ToList();
        var analyzer = new OfflineAnalyzer();
        var combined = AnalysisCombiner.Combine(chunks.Select(c => analyzer.Analyze(c.Text)).ToList());
        var json = JsonSerializer.Serialize(combined);
        var result = new AnalysisValidator().Validate(json, sanitized.Text);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.True(chunks.Count > 2);
        Assert.Equal(chunks.Count, prompts.Select(p => p.UserText).Distinct().Count());
        Assert.Equal(6, sanitized.RedactionCounts["EMAIL"]);
        Assert.Equal(6, sanitized.RedactionCounts["PHONE"]);
        Assert.DoesNotContain("Page 3 of 6", sanitized.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Confidential", sanitized.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("globex.example.com", json, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", json, StringComparison.Ordinal);
        Assert.Equal(DocumentTypes.Contract, combined.DocumentType);
        Assert.Equal("en", combined.Language);
        Assert.Contains(combined.Entities, e => e is { Type: EntityTypes.Organization, Text: "Acme Widgets GmbH" });
        Assert.Contains(combined.Entities, e => e.Type == EntityTypes.Email && e.Text.StartsWith("[EMAIL_", StringComparison.Ordinal));
    }
}
