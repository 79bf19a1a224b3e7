using System.Text.Json;
using System.Text.Json.Nodes;
using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Validation;

namespace DocPipeline.Tests.Documents.Validation;

public sealed class AnalysisValidatorTests
{
    private const string Source =
        "Supply Agreement\n\nAcme Widgets GmbH and Globex Corporation signed this agreement on 15 March 2024.\n" +
        "The total contract value is €1.234,50 per month, payable by 2024-04-14.\n" +
        "The supplier \u201Cshall deliver 400 units\u201D each quarter.\nNotices go to [EMAIL_1].";

    private static readonly AnalysisValidator Validator = new();

    [Fact]
    public void Validate_GoodResult_IsValidAndParsed()
    {
        var result = Validator.Validate(GoodJson(), Source);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.NotNull(result.Analysis);
        Assert.Equal(DocumentTypes.Contract, result.Analysis.DocumentType);
        Assert.Equal(2, result.Analysis.KeyFacts.Count);
    }

    [Theory]
    [InlineData("```json\n{0}\n```")]
    [InlineData("```\n{0}\n```\n")]
    [InlineData("Here is the analysis:\n{0}\nLet me know if you need more.")]
    [InlineData("\uFEFF  {0}  ")]
    public void Validate_JsonWrappedInFencesOrProse_Accepted(string wrapper)
    {
        var result = Validator.Validate(wrapper.Replace("{0}", GoodJson(), StringComparison.Ordinal), Source);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("   ", "empty")]
    [InlineData("{\"summary\": \"x\",", "not valid JSON")]
    [InlineData("I cannot help with that.", "not valid JSON")]
    public void Validate_NotJson_ReportsParseFinding(string? response, string expectedMessagePart)
    {
        var result = Validator.Validate(response, Source);

        var finding = Assert.Single(result.Errors);
        Assert.Equal(ValidationFindingKind.Parse, finding.Kind);
        Assert.Equal("$", finding.Path);
        Assert.Contains(expectedMessagePart, finding.Message, StringComparison.Ordinal);
        Assert.Null(result.Analysis);
    }

    [Fact]
    public void Validate_SchemaViolations_ReportedWithPaths()
    {
        var json = Mutate(o =>
        {
            o.Remove("summary");
            o["documentType"] = "memo";
            o["language"] = "english";
            o["extra"] = 1;
            o["entities"]![0]!.AsObject().Remove("type");
            o["keywords"] = new JsonArray(Enumerable.Range(0, 30).Select(i => (JsonNode?)JsonValue.Create($"k{i}")).ToArray());
            o["amounts"]![0]!["value"] = "a lot";
        });

        var result = Validator.Validate(json, Source);

        Assert.False(result.IsValid);
        Assert.DoesNotContain(result.Errors, e => e.Kind == ValidationFindingKind.Grounding && e.Path == "$.amounts[0].value");
        AssertFinding(result, ValidationFindingKind.Schema, "$.summary", "Required property \"summary\"");
        AssertFinding(result, ValidationFindingKind.Schema, "$.documentType", "\"memo\" is not one of");
        AssertFinding(result, ValidationFindingKind.Schema, "$.language", "pattern");
        AssertFinding(result, ValidationFindingKind.Schema, "$.extra", "not part of the schema");
        AssertFinding(result, ValidationFindingKind.Schema, "$.entities[0].type", "Required property \"type\"");
        AssertFinding(result, ValidationFindingKind.Schema, "$.keywords", "more than 25 items");
        AssertFinding(result, ValidationFindingKind.Schema, "$.amounts[0].value", "number is expected");
        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("ArrayItemNotValid", StringComparison.Ordinal));
        Assert.NotNull(result.Analysis);
    }

    [Fact]
    public void Validate_EvidenceNotInSource_GroundingError()
    {
        var json = Mutate(o => o["keyFacts"]![1]!["evidence"] = "The supplier shall deliver 500 units each quarter.");

        var result = Validator.Validate(json, Source);

        var finding = Assert.Single(result.Errors);
        Assert.Equal(ValidationFindingKind.Grounding, finding.Kind);
        Assert.Equal("$.keyFacts[1].evidence", finding.Path);
    }

    [Theory]
    [InlineData("ACME WIDGETS GMBH and   Globex Corporation\nsigned this agreement")]
    [InlineData("\"shall deliver 400 units\"")]
    [InlineData("The supplier \"shall deliver 400 units\" each quarter.")]
    [InlineData("Acme Widgets GmbH ... signed this agreement on 15 March 2024")]
    [InlineData("Notices go to [EMAIL_1].")]
    public void Validate_EvidenceDifferingOnlyInCaseWhitespaceQuotesOrElided_Accepted(string evidence)
    {
        var json = Mutate(o => o["keyFacts"]![1]!["evidence"] = evidence);

        var result = Validator.Validate(json, Source);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("signed this agreement ... Acme Widgets GmbH")]
    [InlineData("Notices go to [EMAIL_2].")]
    public void Validate_ElisionOutOfOrderOrUnknownPlaceholder_Rejected(string evidence)
    {
        var json = Mutate(o => o["keyFacts"]![1]!["evidence"] = evidence);

        var result = Validator.Validate(json, Source);

        Assert.Equal("$.keyFacts[1].evidence", Assert.Single(result.Errors).Path);
    }

    [Theory]
    [InlineData("The value is €1,234.50 per month.", true)]
    [InlineData("The value is 1234.5 EUR per month.", true)]
    [InlineData("The agreement was signed on 2024-03-15.", true)]
    [InlineData("Payment is due by April 14, 2024.", true)]
    [InlineData("The supplier delivers 3 batches.", true)]
    [InlineData("The value is €1,300.00 per month.", false)]
    [InlineData("The supplier delivers 450 units.", false)]
    [InlineData("The agreement was signed on 16 March 2024.", false)]
    [InlineData("Payment is due in May 2025.", false)]
    public void Validate_NumbersAndDatesInStatements_CheckedByValue(string statement, bool grounded)
    {
        var json = Mutate(o => o["keyFacts"]![0]!["statement"] = statement);

        var result = Validator.Validate(json, Source);

        Assert.Equal(grounded, result.IsValid);
        if (!grounded)
        {
            Assert.All(result.Errors, e => Assert.Equal("$.keyFacts[0].statement", e.Path));
        }
    }

    [Fact]
    public void Validate_DatesAndAmountsNotSupported_GroundingErrors()
    {
        var json = Mutate(o =>
        {
            o["dates"] = new JsonArray(
                new JsonObject { ["text"] = "15 March 2024", ["iso"] = "2024-03-16" },
                new JsonObject { ["text"] = "1 June 2024", ["iso"] = "2024-06-01" },
                new JsonObject { ["text"] = "2024-04-14", ["iso"] = "2024-02-30" });
            o["amounts"] = new JsonArray(
                new JsonObject { ["text"] = "€1.234,50", ["value"] = 1234.05, ["currency"] = "EUR" },
                new JsonObject { ["text"] = "€9,999", ["value"] = 9999, ["currency"] = "EUR" });
        });

        var result = Validator.Validate(json, Source);

        Assert.Equal(
            ["$.amounts[0].value", "$.amounts[1].text", "$.dates[0].iso", "$.dates[1].text", "$.dates[2].iso"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.Equal(ValidationFindingKind.Grounding, e.Kind));
    }

    [Fact]
    public void Validate_ObjectOverload_ValidatesLikeJson()
    {
        var analysis = JsonSerializer.Deserialize<DocumentAnalysis>(GoodJson())!;

        Assert.True(Validator.Validate(analysis, Source).IsValid);
        Assert.False(Validator.Validate(analysis with { Language = "English" }, Source).IsValid);
    }

    [Fact]
    public void Validate_NullLists_ReportedAndAnalysisHasEmptyLists()
    {
        var json = Mutate(o => o["keywords"] = null);

        var result = Validator.Validate(json, Source);

        AssertFinding(result, ValidationFindingKind.Schema, "$.keywords", "array is expected");
        Assert.NotNull(result.Analysis);
        Assert.Empty(result.Analysis.Keywords);
    }

    [Fact]
    public void Validate_RootNotAnObject_SchemaErrorWithoutCrash()
    {
        var result = Validator.Validate("[1, 2, 3]", Source);

        Assert.False(result.IsValid);
        Assert.Null(result.Analysis);
        Assert.Contains(result.Errors, e => e.Path == "$");
    }

    [Fact]
    public void Validate_NullSource_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Validator.Validate(GoodJson(), null!));
    }

    private static void AssertFinding(AnalysisValidationResult result, ValidationFindingKind kind, string path, string messagePart) =>
        Assert.True(
            result.Errors.Any(e => e.Kind == kind && e.Path == path && e.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"No {kind} finding at {path} containing '{messagePart}'. Found:\n{string.Join("\n", result.Errors)}");

    private static string Mutate(Action<JsonObject> change)
    {
        var o = JsonNode.Parse(GoodJson())!.AsObject();
        change(o);
        return o.ToJsonString();
    }

    private static string GoodJson() => JsonSerializer.Serialize(new DocumentAnalysis
    {
        Summary = "Acme Widgets GmbH and Globex Corporation agreed a monthly supply contract.",
        DocumentType = DocumentTypes.Contract,
        Language = "en",
        Keywords = ["supply agreement", "units", "contract value"],
        Entities =
        [
            new AnalysisEntity(EntityTypes.Organization, "Acme Widgets GmbH"),
            new AnalysisEntity(EntityTypes.Organization, "Globex Corporation"),
            new AnalysisEntity(EntityTypes.Email, "[EMAIL_1]"),
        ],
        KeyFacts =
        [
            new KeyFact("The contract is worth €1.234,50 per month, due by 14 April 2024.", "The total contract value is €1.234,50 per month, payable by 2024-04-14."),
            new KeyFact("The supplier delivers 400 units each quarter.", "The supplier \u201Cshall deliver 400 units\u201D each quarter."),
        ],
        Dates = [new AnalysisDate("15 March 2024", "2024-03-15"), new AnalysisDate("2024-04-14", "2024-04-14")],
        Amounts = [new AnalysisAmount("€1.234,50", 1234.50m, "EUR")],
    });
}
