namespace DocPipeline.Documents.Analysis.Schema;

/// <summary>The single definition of the <see cref="DocumentAnalysis"/> shape; both schema renderings come from it.</summary>
internal static class AnalysisSchemaDefinition
{
    public static ObjectNode Root { get; } = new(
        "Structured analysis of a document.",
        [
            new("summary", new StringNode("Concise summary of the document in its own language.", AnalysisLimits.SummaryMaxLength, MinLength: 1)),
            new("documentType", new StringNode("Kind of document.", 20, Enum: DocumentTypes.All)),
            new("language", new StringNode("ISO 639-1 code of the main language, or 'und' if undetermined.", 3, Pattern: "^([a-z]{2}|und)$")),
            new("keywords", new ArrayNode(
                "Key terms, most important first.",
                new StringNode("A key term.", AnalysisLimits.KeywordMaxLength, MinLength: 1),
                AnalysisLimits.MaxKeywords)),
            new("entities", new ArrayNode(
                "Named things mentioned in the document.",
                new ObjectNode("An entity.",
                [
                    new("type", new StringNode("Entity kind.", 20, Enum: EntityTypes.All)),
                    new("text", new StringNode("The entity as written in the document; keep placeholders such as [EMAIL_1] unchanged.", AnalysisLimits.EntityTextMaxLength, MinLength: 1)),
                ]),
                AnalysisLimits.MaxEntities)),
            new("keyFacts", new ArrayNode(
                "Most important facts.",
                new ObjectNode("A fact with its supporting quote.",
                [
                    new("statement", new StringNode("The fact; any number or date in it must appear in the document.", AnalysisLimits.StatementMaxLength, MinLength: 1)),
                    new("evidence", new StringNode("Verbatim quote from the document that supports the statement.", AnalysisLimits.EvidenceMaxLength, MinLength: 1)),
                ]),
                AnalysisLimits.MaxKeyFacts)),
            new("dates", new ArrayNode(
                "Dates mentioned in the document.",
                new ObjectNode("A date.",
                [
                    new("text", new StringNode("The date exactly as written in the document.", AnalysisLimits.MentionTextMaxLength, MinLength: 1)),
                    new("iso", new StringNode("ISO 8601 date (YYYY-MM-DD or YYYY-MM), or null if ambiguous.", 10, Pattern: "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$", Nullable: true)),
                ]),
                AnalysisLimits.MaxDates)),
            new("amounts", new ArrayNode(
                "Monetary amounts mentioned in the document.",
                new ObjectNode("An amount.",
                [
                    new("text", new StringNode("The amount exactly as written in the document.", AnalysisLimits.MentionTextMaxLength, MinLength: 1)),
                    new("value", new NumberNode("Numeric value of the amount.")),
                    new("currency", new StringNode("ISO 4217 currency code, or null if not stated.", 3, Pattern: "^[A-Z]{3}$", Nullable: true)),
                ]),
                AnalysisLimits.MaxAmounts)),
        ]);
}
