using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DocPipeline.UploadBench;

// Fires uploads at a running `docpipeline serve` from concurrent clients and prints the 202 latency as JSON.
// Closed loop by default (each client sends its next upload when the last is answered: measures saturation);
// with --rate, open loop: upload i is due at start + i/rate, and its latency counts from when it was due, so time
// spent waiting for a free client is included.
var (arguments, error) = UploadBenchArguments.Parse(args);
if (arguments is null)
{
    await Console.Error.WriteLineAsync(error);
    await Console.Error.WriteLineAsync(UploadBenchArguments.Usage);
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = arguments.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = arguments.Url,
    Timeout = TimeSpan.FromSeconds(60),
};
if (arguments.Key is not null)
{
    http.DefaultRequestHeaders.Add("x-functions-key", arguments.Key);
}

// Each run gets its own content, so every upload starts a new instance instead of hitting a finished one.
var run = Guid.NewGuid().ToString("N");
if (arguments.Warmup > 0)
{
    await FireAsync(http, Documents("warmup-" + run, arguments.Warmup, arguments.Size), Math.Min(arguments.Clients, arguments.Warmup), arguments.Rate);
}

var documents = Documents(run, arguments.Requests, arguments.Size);
var clock = Stopwatch.StartNew();
var (latencies, errors) = await FireAsync(http, documents, arguments.Clients, arguments.Rate);
clock.Stop();

Array.Sort(latencies);
var result = new UploadBenchResult(
    "upload",
    arguments.Clients,
    arguments.Requests,
    Math.Round(Percentile(latencies, 0.50), 2),
    Math.Round(Percentile(latencies, 0.99), 2),
    Math.Round(arguments.Requests / clock.Elapsed.TotalSeconds, 1),
    errors,
    arguments.Rate);
Console.WriteLine(JsonSerializer.Serialize(result));
return errors == 0 ? 0 : 1;

static byte[][] Documents(string run, int count, int size)
{
    var documents = new byte[count][];
    for (var i = 0; i < count; i++)
    {
        var text = new StringBuilder(size + 100)
            .Append(CultureInfo.InvariantCulture, $"Delivery note {run}-{i}.\n")
            .Append("The order of office chairs and standing desks was delivered to the Rotterdam warehouse on Monday. ");
        while (text.Length < size)
        {
            text.Append("Invoice to follow within thirty days; contact logistics with any damage claims. ");
        }

        documents[i] = Encoding.UTF8.GetBytes(text.ToString(0, size));
    }

    return documents;
}

static async Task<(double[] LatenciesMs, int Errors)> FireAsync(HttpClient http, byte[][] documents, int clients, int? rate)
{
    var latencies = new double[documents.Length];
    var next = -1;
    var errors = 0;
    var origin = Stopwatch.GetTimestamp();
    var workers = Enumerable.Range(0, clients).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < documents.Length)
        {
            using var content = new ByteArrayContent(documents[i]);
            content.Headers.ContentType = new("text/plain");
            var started = Stopwatch.GetTimestamp();
            if (rate is { } perSecond)
            {
                var due = origin + (long)(i * (double)Stopwatch.Frequency / perSecond);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                started = due;
            }

            try
            {
                using var response = await http.PostAsync($"api/documents?name=note-{i}.txt", content);
                await response.Content.LoadIntoBufferAsync();
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            catch (TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }

            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    });
    await Task.WhenAll(workers);
    return (latencies, errors);
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
