using System.Diagnostics;
using System.Globalization;
using DocPipeline.Documents.Sanitization;
using DocPipeline.SanitizerBench;

// Usage: [iterations]   (default 2000). Measures process CPU time per page of TextSanitizer.Sanitize on one thread.
var iterations = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 2000;
var withoutNamesAndAddresses = Enum.GetValues<PiiType>().Where(t => t is not (PiiType.Person or PiiType.Address)).ToHashSet();

var firstUse = Stopwatch.StartNew();
var sample = new TextSanitizer().Sanitize(SamplePage.Text);
firstUse.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"page: {SamplePage.Text.Length} chars, {sample.TotalRedactions} redactions ({string.Join(", ", sample.RedactionCounts.Select(c => $"{c.Key} {c.Value}"))})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first call, including loading the word lists: {firstUse.Elapsed.TotalMilliseconds:F0} ms"));

Measure("all types", new TextSanitizer());
Measure("all types but PERSON and ADDRESS", new TextSanitizer(new TextSanitizerOptions { RedactTypes = withoutNamesAndAddresses }));
Measure("PERSON only", new TextSanitizer(new TextSanitizerOptions { RedactTypes = new HashSet<PiiType> { PiiType.Person } }));
Measure("ADDRESS only", new TextSanitizer(new TextSanitizerOptions { RedactTypes = new HashSet<PiiType> { PiiType.Address } }));
return 0;

void Measure(string name, TextSanitizer sanitizer)
{
    // Warm up so tiered compilation has finished before measuring.
    for (var i = 0; i < Math.Min(iterations, 300); i++)
    {
        sanitizer.Sanitize(SamplePage.Text);
    }

    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++)
    {
        sanitizer.Sanitize(SamplePage.Text);
    }

    wall.Stop();
    process.Refresh();
    var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {cpuMs:F3} ms CPU per page, {wall.Elapsed.TotalMilliseconds / iterations:F3} ms wall per page ({iterations} pages)"));
}
