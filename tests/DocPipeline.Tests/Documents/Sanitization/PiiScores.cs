using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DocPipeline.Tests.Documents.Sanitization;

/// <summary>Loads a labeled PII set (one JSON line per text) and scores detections per type.</summary>
internal static class PiiScores
{
    public static List<PiiLine> Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Documents", "TestData", "Pii", fileName);
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<PiiLine>(l, options) ?? throw new InvalidDataException(l))
            .ToList();
    }

    public static void Bump(SortedDictionary<string, (int Tp, int Fp, int Fn)> stats, string type, int tp, int fp, int fn)
    {
        var s = stats.GetValueOrDefault(type);
        stats[type] = (s.Tp + tp, s.Fp + fp, s.Fn + fn);
    }

    public static (int Tp, int Fp, int Fn) Total(SortedDictionary<string, (int Tp, int Fp, int Fn)> stats) =>
        (stats.Values.Sum(s => s.Tp), stats.Values.Sum(s => s.Fp), stats.Values.Sum(s => s.Fn));

    public static double Precision((int Tp, int Fp, int Fn) s) => s.Tp + s.Fp == 0 ? 1 : (double)s.Tp / (s.Tp + s.Fp);

    public static double Recall((int Tp, int Fp, int Fn) s) => s.Tp + s.Fn == 0 ? 1 : (double)s.Tp / (s.Tp + s.Fn);

    public static string RenderTable(SortedDictionary<string, (int Tp, int Fp, int Fn)> stats, int lineCount, string caption = "Labeled lines")
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{caption}: {lineCount}");
        sb.AppendLine("| type | labels | predicted | true positives | precision | recall |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (type, s) in stats)
        {
            sb.AppendLine(Row(type, s));
        }

        sb.AppendLine(Row("**overall**", Total(stats)));
        return sb.ToString();
    }

    private static string Row(string type, (int Tp, int Fp, int Fn) s) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {type} | {s.Tp + s.Fn} | {s.Tp + s.Fp} | {s.Tp} | {Precision(s):0.000} | {Recall(s):0.000} |");
}

/// <summary>One labeled text.</summary>
internal sealed record PiiLine(string Id, string Text, IReadOnlyList<PiiLabel> Spans);

/// <summary>One labeled span: type and character range.</summary>
internal sealed record PiiLabel(string Type, int Start, int End);
