using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DocPipeline.Documents.Analysis;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>
/// Reads the pipeline's prompts the way a model would and writes answers: a valid analysis of the fenced document
/// text (produced by the offline analyzer, so it is grounded), or scripted failures.
/// </summary>
internal static class ModelAnswers
{
    public const string RepairPromptStart = "Your previous response is not a valid analysis.";

    private static readonly OfflineAnalyzer Analyzer = new();

    /// <summary>The document text between the DOCUMENT markers of a prompt.</summary>
    public static string DocumentText(FakeGeminiRequest request)
    {
        var prompt = request.PromptText ?? throw new InvalidOperationException("The request has no prompt text.");
        const string open = "<<<DOCUMENT ";
        var start = prompt.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, "the prompt has no DOCUMENT fence");
        var tagEnd = prompt.IndexOf(">>>\n", start, StringComparison.Ordinal);
        var tag = prompt[(start + open.Length)..tagEnd];
        var bodyStart = tagEnd + 4;
        var end = prompt.IndexOf("<<<END DOCUMENT " + tag + ">>>", bodyStart, StringComparison.Ordinal);
        Assert.True(end >= 0, "the DOCUMENT fence is not closed");
        return prompt[bodyStart..end].TrimEnd('\n');
    }

    public static bool IsRepair(FakeGeminiRequest request) =>
        request.PromptText?.StartsWith(RepairPromptStart, StringComparison.Ordinal) == true;

    /// <summary>A complete, schema-valid and grounded analysis of the request's document text.</summary>
    public static FakeGeminiReply Valid(FakeGeminiRequest request)
    {
        var text = DocumentText(request);
        var json = JsonSerializer.Serialize(Analyzer.Analyze(text));
        return FakeGeminiReply.Ok(json, new FakeUsage(Prompt: 400 + (text.Length / 4), Candidates: 250));
    }

    /// <summary>A 200 answer whose text is not JSON at all.</summary>
    public static FakeGeminiReply NotJson() => FakeGeminiReply.Ok("Here is the analysis you asked for: the document is an email.");

    /// <summary>A short, stable name for a prompt, to count how often the same question was asked.</summary>
    public static string PromptHash(FakeGeminiRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Model + "\n" + request.PromptText)))[..16];
}
