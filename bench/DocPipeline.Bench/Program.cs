using System.Globalization;
using System.Text.Json;
using DocPipeline.Bench;

// Usage: <scenario> --store sqlite [--count N] [--durability full|normal] [--json]
// Scenarios: sequential (default 1000), fanout (default 5000), hello-sequence (default 1000).
var parsed = BenchArguments.Parse(args);
if (parsed.Error is not null)
{
    await Console.Error.WriteLineAsync(parsed.Error);
    await Console.Error.WriteLineAsync("usage: <sequential|fanout|hello-sequence> --store sqlite [--count N] [--durability full|normal] [--json]");
    return 2;
}

var arguments = parsed.Value!;
// Warm up so tiered JIT compilation is done before measuring.
await DtfxBench.RunAsync(arguments with { Count = Math.Min(arguments.Count, 500) });
var result = await DtfxBench.RunAsync(arguments);

Console.WriteLine(arguments.Json
    ? JsonSerializer.Serialize(result, BenchJson.Options)
    : string.Create(CultureInfo.InvariantCulture, $"{result.Scenario} on {result.Store}: {result.Operations} operations in {result.Seconds:F2} s = {result.PerSecond:F0}/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms ({result.Durability})"));
return 0;
