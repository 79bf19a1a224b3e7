using System.Text.Json;
using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Validation;

namespace DocPipeline.Tests.Documents.Analysis;

public sealed class OfflineAnalyzerTests
{
    private const string Invoice =
        "INVOICE\n\nInvoice number: INV-2024-0042\nInvoice date: 15 March 2024\nBill to: Globex Corporation, 12 Main Street, Springfield\n\n" +
        "Acme Widgets GmbH supplied 40 units of the Model X widget at €25.00 each.\n" +
        "Subtotal: €1,000.00. VAT (19%): €190.00. Total due: €1,190.00.\n" +
        "Payment terms: 30 days. Please pay by 2024-04-14 to [IBAN_1].\nQuestions? Contact Dr. Jane Smith at [EMAIL_1] or [PHONE_1].";

    public static TheoryData<string, string> LanguageSamples => new()
    {
        { "en", "The committee met on Monday to review the annual budget. It was agreed that the project will continue, and the team has been asked to report back in June." },
        { "de", "Der Vorstand hat den Jahresbericht geprüft und die Zahlen für das dritte Quartal sind besser als erwartet. Die Mitarbeiter werden über die Ergebnisse informiert, sobald die Prüfung abgeschlossen ist." },
        { "fr", "Le conseil a examiné le rapport annuel et les résultats du troisième trimestre sont meilleurs que prévu. Les employés seront informés des décisions dans les prochains jours." },
        { "es", "El comité revisó el informe anual y los resultados del tercer trimestre son mejores de lo esperado. Los empleados serán informados de las decisiones en los próximos días." },
        { "it", "Il consiglio ha esaminato la relazione annuale e i risultati del terzo trimestre sono migliori del previsto. I dipendenti saranno informati delle decisioni nei prossimi giorni." },
        { "nl", "Het bestuur heeft het jaarverslag besproken en de resultaten van het derde kwartaal zijn beter dan verwacht. De medewerkers worden over de beslissingen geïnformeerd zodra de controle is afgerond." },
        { "pt", "O conselho analisou o relatório anual e os resultados do terceiro trimestre são melhores do que o esperado. Os funcionários serão informados das decisões nos próximos dias." },
        { "ja", "東京は日本の首都です。会議は来週の月曜日に開かれます。" },
        { "ru", "Совет директоров рассмотрел годовой отчёт и утвердил бюджет на следующий год." },
        { "und", "Q3 2024: 12% / 4.5m / 1,200 units." },
    };

    public static TheoryData<string, string> TypeSamples => new()
    {
        { DocumentTypes.Invoice, Invoice },
        { DocumentTypes.Invoice, "Rechnung Nr. 2024-55\nRechnungsdatum: 12.03.2024\nGesamtbetrag: 1.190,00 €\nZahlbar innerhalb von 14 Tagen ohne Abzug." },
        { DocumentTypes.Contract, "This Service Agreement is made between Acme Ltd (hereinafter the Supplier) and Globex Corp. The parties agree that the Supplier shall provide the services. This agreement is governed by the laws of England." },
        { DocumentTypes.Report, "Quarterly Report Q3 2024\n\nExecutive summary: revenue growth was 12%. The findings show higher costs in two regions. Conclusion: results are in line with the plan." },
        { DocumentTypes.Email, "From: Jane Doe <[EMAIL_1]>\nTo: Team <[EMAIL_2]>\nSubject: Friday meeting\n\nHi all, the meeting moves to 3pm." },
        { DocumentTypes.Letter, "Dear Mr. Brown,\n\nThank you for your letter of 3 May 2024. We will respond shortly.\n\nYours sincerely,\nAnna Lee" },
        { DocumentTypes.Letter, "Madame, Monsieur,\n\nNous avons bien reçu votre demande et nous vous répondrons rapidement.\n\nCordialement,\nPaul Martin" },
        { DocumentTypes.Resume, "Curriculum Vitae\nJane Doe\nWork experience: 2018-2024 Data Analyst at Acme.\nEducation: MSc Statistics, University of Leeds.\nSkills: Python, SQL." },
        { DocumentTypes.Policy, "Information Security Policy\n\nPurpose: this policy sets the rules for handling data. Scope: it applies to all employees. Employees must lock their screens. Violations must be reported to compliance." },
        { DocumentTypes.Other, "The recipe needs two eggs, flour and sugar. Bake for twenty minutes until golden." },
    };

    [Theory]
    [MemberData(nameof(LanguageSamples))]
    public void Analyze_SmallTexts_GuessesLanguage(string expected, string text)
    {
        Assert.Equal(expected, new OfflineAnalyzer().Analyze(text).Language);
    }

    [Theory]
    [MemberData(nameof(TypeSamples))]
    public void Analyze_SmallTexts_GuessesDocumentType(string expected, string text)
    {
        Assert.Equal(expected, new OfflineAnalyzer().Analyze(text).DocumentType);
    }

    [Theory]
    [MemberData(nameof(TypeSamples))]
    public void Analyze_AnyText_ResultPassesSchemaAndGrounding(string type, string text)
    {
        var analysis = new OfflineAnalyzer().Analyze(text);

        var result = new AnalysisValidator().Validate(analysis, text);

        Assert.True(result.IsValid, $"{type}: {string.Join("\n", result.Errors)}");
        Assert.NotEmpty(analysis.KeyFacts);
    }

    [Fact]
    public void Analyze_SameText_SameResultEveryTime()
    {
        var first = JsonSerializer.Serialize(new OfflineAnalyzer().Analyze(Invoice));

        var again = JsonSerializer.Serialize(new OfflineAnalyzer().Analyze(Invoice));
        var parallel = Enumerable.Range(0, 8).AsParallel().Select(_ => JsonSerializer.Serialize(new OfflineAnalyzer().Analyze(Invoice))).ToList();

        Assert.Equal(first, again);
        Assert.All(parallel, p => Assert.Equal(first, p));
        Assert.Equal("offline-extractive", OfflineAnalyzer.ModelName);
    }

    [Fact]
    public void Analyze_Invoice_ExtractsAmountsDatesAndEntities()
    {
        var analysis = new OfflineAnalyzer().Analyze(Invoice);

        Assert.Contains(new AnalysisAmount("€1,190.00", 1190m, "EUR"), analysis.Amounts);
        Assert.Contains(new AnalysisAmount("€25.00", 25m, "EUR"), analysis.Amounts);
        Assert.Contains(new AnalysisDate("15 March 2024", "2024-03-15"), analysis.Dates);
        Assert.Contains(new AnalysisDate("2024-04-14", "2024-04-14"), analysis.Dates);
        Assert.Contains(new AnalysisEntity(EntityTypes.Organization, "Acme Widgets GmbH"), analysis.Entities);
        Assert.Contains(new AnalysisEntity(EntityTypes.Organization, "Globex Corporation"), analysis.Entities);
        Assert.Contains(new AnalysisEntity(EntityTypes.Person, "Jane Smith"), analysis.Entities);
        Assert.Contains(new AnalysisEntity(EntityTypes.Money, "€1,190.00"), analysis.Entities);
        Assert.Contains(new AnalysisEntity(EntityTypes.Date, "15 March 2024"), analysis.Entities);
    }

    [Fact]
    public void Analyze_Placeholders_BecomeEntitiesOfTheirTypeAndNeverKeywords()
    {
        var analysis = new OfflineAnalyzer().Analyze("Contact [EMAIL_1] or call [PHONE_2]. Refunds go to [IBAN_1]; born [DOB_1]. Contact [EMAIL_1] again.");

        Assert.Contains(new AnalysisEntity(EntityTypes.Email, "[EMAIL_1]"), analysis.Entities);
        Assert.Contains(new AnalysisEntity(EntityTypes.Phone, "[PHONE_2]"), analysis.Entities);
        Assert.Contains(new AnalysisEntity(EntityTypes.Identifier, "[IBAN_1]"), analysis.Entities);
        Assert.Contains(new AnalysisEntity(EntityTypes.Date, "[DOB_1]"), analysis.Entities);
        Assert.Single(analysis.Entities, e => e.Text == "[EMAIL_1]");
        Assert.DoesNotContain(analysis.Keywords, k => k.Contains("EMAIL", StringComparison.OrdinalIgnoreCase) || k.Contains("IBAN", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Analyze_Summary_IsExtractiveAndBounded()
    {
        var text = string.Join(" ", Enumerable.Range(1, 30).Select(i => $"Statement {i} covers the supply agreement and the delivery schedule for region {i}."));

        var analysis = new OfflineAnalyzer(new OfflineAnalyzerOptions { SummarySentences = 2 }).Analyze(text);

        var sentences = analysis.Summary.Split(". ").Select(s => s.TrimEnd('.') + ".").ToList();
        Assert.Equal(2, sentences.Count);
        Assert.All(sentences, s => Assert.Contains(s, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_Keywords_SkipStopWordsAndPreferRepeatedPhrases()
    {
        const string text = "The supply chain is under pressure. Supply chain delays hit the factory. The factory expects the supply chain to recover, and the factory will hire.";

        var analysis = new OfflineAnalyzer().Analyze(text);

        Assert.Equal("supply chain", analysis.Keywords[0]);
        Assert.Contains("factory", analysis.Keywords);
        Assert.DoesNotContain(analysis.Keywords, k => k is "the" or "and" or "will" or "is");
    }

    [Fact]
    public void Analyze_GermanNouns_NotMistakenForPeople()
    {
        var analysis = new OfflineAnalyzer().Analyze("Sehr geehrte Damen und Herren,\n\nwir bestätigen den Eingang Ihrer Bestellung vom 3. April 2024.\n\nMit freundlichen Grüßen\nMaria Müller");

        Assert.Equal("de", analysis.Language);
        Assert.Equal(DocumentTypes.Letter, analysis.DocumentType);
        Assert.DoesNotContain(analysis.Entities, e => e.Type == EntityTypes.Person && e.Text.Contains("Eingang", StringComparison.Ordinal));
        Assert.Contains(new AnalysisEntity(EntityTypes.Person, "Maria Müller"), analysis.Entities);
        Assert.Contains(new AnalysisDate("3. April 2024", "2024-04-03"), analysis.Dates);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n ")]
    public void Analyze_EmptyText_ReturnsSchemaValidPlaceholderResult(string text)
    {
        var analysis = new OfflineAnalyzer().Analyze(text);

        Assert.Equal(LanguageCodes.Undetermined, analysis.Language);
        Assert.Empty(analysis.KeyFacts);
        Assert.True(new AnalysisValidator().Validate(analysis, text).IsValid);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OfflineAnalyzer(new OfflineAnalyzerOptions { SummarySentences = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OfflineAnalyzer(new OfflineAnalyzerOptions { MaxKeywords = 99 }));
        Assert.Throws<ArgumentNullException>(() => new OfflineAnalyzer().Analyze(null!));
    }
}
