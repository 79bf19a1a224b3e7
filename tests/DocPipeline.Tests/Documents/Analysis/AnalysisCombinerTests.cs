using System.Text.Json;
using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Validation;

namespace DocPipeline.Tests.Documents.Analysis;

public sealed class AnalysisCombinerTests
{
    [Fact]
    public void Combine_Duplicates_RemovedIgnoringCaseAndWhitespace()
    {
        var a = new DocumentAnalysis
        {
            Summary = "Part one.",
            Keywords = ["Budget", "timeline", "vendor"],
            Entities = [new AnalysisEntity(EntityTypes.Organization, "ACME Ltd"), new AnalysisEntity(EntityTypes.Email, "[EMAIL_1]")],
            KeyFacts = [new KeyFact("The budget is 1.2 million.", "budget of  1.2 million")],
            Dates = [new AnalysisDate("1 May 2024", "2024-05-01")],
            Amounts = [new AnalysisAmount("€1,200", 1200m, "EUR")],
        };
        var b = new DocumentAnalysis
        {
            Summary = "Part two.",
            Keywords = ["budget", "Risks", "Timeline"],
            Entities = [new AnalysisEntity(EntityTypes.Organization, "acme  ltd"), new AnalysisEntity(EntityTypes.Person, "ACME Ltd"), new AnalysisEntity(EntityTypes.Email, "[EMAIL_1]")],
            KeyFacts = [new KeyFact("Budget: 1.2 million.", "Budget of 1.2 million"), new KeyFact("Risks are high.", "risks are high")],
            Dates = [new AnalysisDate("2024-05-01", "2024-05-01"), new AnalysisDate("June 2024", "2024-06")],
            Amounts = [new AnalysisAmount("EUR 1200", 1200.00m, "EUR"), new AnalysisAmount("$5", 5m, "USD")],
        };

        var combined = AnalysisCombiner.Combine([a, b]);

        Assert.Equal(["Budget", "timeline", "Risks", "vendor"], combined.Keywords);
        Assert.Equal(
            [new AnalysisEntity(EntityTypes.Organization, "ACME Ltd"), new AnalysisEntity(EntityTypes.Email, "[EMAIL_1]"), new AnalysisEntity(EntityTypes.Person, "ACME Ltd")],
            combined.Entities);
        Assert.Equal([new KeyFact("The budget is 1.2 million.", "budget of  1.2 million"), new KeyFact("Risks are high.", "risks are high")], combined.KeyFacts);
        Assert.Equal([new AnalysisDate("1 May 2024", "2024-05-01"), new AnalysisDate("June 2024", "2024-06")], combined.Dates);
        Assert.Equal([new AnalysisAmount("€1,200", 1200m, "EUR"), new AnalysisAmount("$5", 5m, "USD")], combined.Amounts);
        Assert.Equal("Part one. Part two.", combined.Summary);
    }

    [Fact]
    public void Combine_TypeAndLanguage_DecidedByVoteIgnoringOtherAndUnd()
    {
        DocumentAnalysis[] parts =
        [
            new() { DocumentType = DocumentTypes.Other, Language = LanguageCodes.Undetermined, Summary = "a" },
            new() { DocumentType = DocumentTypes.Contract, Language = "de", Summary = "b" },
            new() { DocumentType = DocumentTypes.Other, Language = "en", Summary = "c" },
            new() { DocumentType = DocumentTypes.Invoice, Language = "de", Summary = "d" },
            new() { DocumentType = DocumentTypes.Other, Language = LanguageCodes.Undetermined, Summary = "e" },
        ];

        var combined = AnalysisCombiner.Combine(parts);

        Assert.Equal(DocumentTypes.Contract, combined.DocumentType);
        Assert.Equal("de", combined.Language);
    }

    [Fact]
    public void Combine_OnlyOtherAndUnd_StayOtherAndUnd()
    {
        var combined = AnalysisCombiner.Combine([new DocumentAnalysis { Summary = "x" }, new DocumentAnalysis { Summary = "y" }]);

        Assert.Equal(DocumentTypes.Other, combined.DocumentType);
        Assert.Equal(LanguageCodes.Undetermined, combined.Language);
    }

    [Fact]
    public void Combine_LongSummaries_ShortenedAtSentenceBoundariesWithinLimit()
    {
        var parts = Enumerable.Range(1, 6).Select(i => new DocumentAnalysis
        {
            Summary = string.Join(" ", Enumerable.Range(1, 12).Select(s => $"Chunk {i} sentence {s} adds a detail."))
        }).ToList();

        var combined = AnalysisCombiner.Combine(parts, summaryMaxLength: 600);

        Assert.True(combined.Summary.Length <= 600, $"Summary has {combined.Summary.Length} characters.");
        for (var i = 1; i <= 6; i++)
        {
            Assert.Contains($"Chunk {i} sentence 1 adds a detail.", combined.Summary, StringComparison.Ordinal);
        }

        Assert.EndsWith(".", combined.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_ManyFacts_TakenRoundRobinAndCapped()
    {
        var parts = Enumerable.Range(0, 4).Select(c => new DocumentAnalysis
        {
            Summary = $"Part {c}.",
            KeyFacts = Enumerable.Range(0, 10).Select(f => new KeyFact($"Fact {c}-{f}.", $"evidence {c}-{f}")).ToList(),
            Keywords = Enumerable.Range(0, 20).Select(k => $"term{c}x{k}").ToList(),
        }).ToList();

        var combined = AnalysisCombiner.Combine(parts);

        Assert.Equal(AnalysisLimits.MaxKeyFacts, combined.KeyFacts.Count);
        Assert.Equal(["Fact 0-0.", "Fact 1-0.", "Fact 2-0.", "Fact 3-0.", "Fact 0-1."], combined.KeyFacts.Take(5).Select(f => f.Statement));
        Assert.Equal(AnalysisLimits.MaxKeywords, combined.Keywords.Count);
        Assert.Equal(["term0x0", "term1x0", "term2x0", "term3x0"], combined.Keywords.Take(4));
    }

    [Fact]
    public void Combine_SingleResult_PassesThroughWithLimits()
    {
        var only = new DocumentAnalysis { Summary = "Only part.", DocumentType = DocumentTypes.Report, Language = "en", Keywords = ["x", "X", " "] };

        var combined = AnalysisCombiner.Combine([only]);

        Assert.Equal("Only part.", combined.Summary);
        Assert.Equal(DocumentTypes.Report, combined.DocumentType);
        Assert.Equal(["x"], combined.Keywords);
    }

    [Fact]
    public void Combine_InvalidInput_ThrowsClearly()
    {
        Assert.Throws<ArgumentException>(() => AnalysisCombiner.Combine([]));
        Assert.Throws<ArgumentException>(() => AnalysisCombiner.Combine([new DocumentAnalysis(), null!]));
        Assert.Throws<ArgumentNullException>(() => AnalysisCombiner.Combine(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnalysisCombiner.Combine([new DocumentAnalysis()], summaryMaxLength: 0));
    }

    [Fact]
    public void Combine_OfflineChunkResults_StaysValidAgainstTheWholeDocument()
    {
        const string document =
            "Acme Widgets GmbH signed the supply agreement on 3 April 2024. The contract value is €48,000.\n\n" +
            "Deliveries start in May 2024 and the supplier shall ship 400 units per month.\n\n" +
            "Either party may terminate with 90 days notice. Questions go to [EMAIL_1].";
        var paragraphs = document.Split("\n\n");
        var analyzer = new OfflineAnalyzer();

        var combined = AnalysisCombiner.Combine(paragraphs.Select(analyzer.Analyze).ToList());
        var result = new AnalysisValidator().Validate(JsonSerializer.Serialize(combined), document);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(DocumentTypes.Contract, combined.DocumentType);
        Assert.Contains(combined.Entities, e => e is { Type: EntityTypes.Email, Text: "[EMAIL_1]" });
    }
}
