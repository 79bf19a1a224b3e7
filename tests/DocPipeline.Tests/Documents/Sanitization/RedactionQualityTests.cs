using DocPipeline.Documents.Sanitization;
using Xunit.Abstractions;
using static DocPipeline.Tests.Documents.Sanitization.PiiScores;

namespace DocPipeline.Tests.Documents.Sanitization;

/// <summary>
/// Scores detection against TestData/Pii/labeled.jsonl: each line is a text with the exact spans of every value the
/// sanitizer is meant to redact, mixed with look-alikes that must be left alone. A prediction counts only when type,
/// start and end all match a label.
/// </summary>
public sealed class RedactionQualityTests(ITestOutputHelper output)
{
    // Names and addresses appear in this set's text but were never labeled; NameAndAddressQualityTests scores them.
    private static readonly PiiType[] OutOfScope = [PiiType.Person, PiiType.Address];

    private const double Threshold = 0.95;

    [Fact]
    public void FindPii_LabeledSet_PrecisionAndRecallAtLeastThresholdPerType()
    {
        var lines = PiiScores.Load("labeled.jsonl");
        var sanitizer = new TextSanitizer();
        var stats = new SortedDictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        var mistakes = new List<string>();

        foreach (var line in lines)
        {
            var gold = line.Spans.Select(s => (s.Type, s.Start, s.End)).ToHashSet();
            var predicted = sanitizer.FindPii(line.Text).Where(s => !OutOfScope.Contains(s.Type))
                .Select(s => (Type: s.Type.ToPlaceholderLabel(), s.Start, s.End)).ToHashSet();
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

        var table = RenderTable(stats, lines.Count);
        output.WriteLine(table);
        foreach (var mistake in mistakes)
        {
            output.WriteLine(mistake);
        }

        Assert.All(Enum.GetValues<PiiType>().Except(OutOfScope), t => Assert.True(stats.ContainsKey(t.ToPlaceholderLabel()), $"No labels for {t}."));
        foreach (var (type, s) in stats)
        {
            Assert.True(Precision(s) >= Threshold, $"{type} precision {Precision(s):P1} is below {Threshold:P0}.\n{table}");
            Assert.True(Recall(s) >= Threshold, $"{type} recall {Recall(s):P1} is below {Threshold:P0}.\n{table}");
        }

        var total = (Tp: stats.Values.Sum(s => s.Tp), Fp: stats.Values.Sum(s => s.Fp), Fn: stats.Values.Sum(s => s.Fn));
        Assert.True(Precision(total) >= Threshold && Recall(total) >= Threshold, table);
    }

    [Fact]
    public void LabeledSet_Spans_AreInsideTheTextAndDoNotOverlap()
    {
        var lines = PiiScores.Load("labeled.jsonl");

        Assert.True(lines.Count >= 300, $"Expected a few hundred labeled lines, found {lines.Count}.");
        Assert.True(lines.Count(l => l.Spans.Count == 0) >= 150, "Expected plenty of look-alike lines without PII.");
        foreach (var line in lines)
        {
            var ordered = line.Spans.OrderBy(s => s.Start).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                Assert.InRange(ordered[i].Start, 0, line.Text.Length - 1);
                Assert.InRange(ordered[i].End, ordered[i].Start + 1, line.Text.Length);
                Assert.True(PiiTypeExtensions.TryParsePlaceholderLabel(ordered[i].Type, out _), $"{line.Id}: unknown type {ordered[i].Type}.");
                if (i > 0)
                {
                    Assert.True(ordered[i - 1].End <= ordered[i].Start, $"{line.Id}: overlapping spans.");
                }
            }
        }
    }
}
