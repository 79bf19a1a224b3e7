using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DocPipeline.UploadBench;

// Fires uploads at a running `docpipeline serve` from concurrent clients and prints the 202 latency as JSON.
// Closed loop by default (each client sends its next upload when the last is answered: measures saturation);
// with --rate, open loop: upload i is due at start + i/rate, and its latency counts from when it was due, so time
// spent waiting for a free client is included, and lateP99Ms says how late the generator itself was.
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
var (latencies, late, errors) = await FireAsync(http, documents, arguments.Clients, arguments.Rate);
clock.Stop();

Array.Sort(latencies);
Array.Sort(late);
var result = new UploadBenchResult(
    "upload",
    arguments.Clients,
    arguments.Requests,
    Math.Round(Percentile(latencies, 0.50), 2),
    Math.Round(Percentile(latencies, 0.90), 2),
    Math.Round(Percentile(latencies, 0.99), 2),
    Math.Round(Percentile(latencies, 1.00), 2),
    Math.Round(arguments.Requests / clock.Elapsed.TotalSeconds, 1),
    errors,
    arguments.Rate,
    late.Length > 0 ? Math.Round(Percentile(late, 0.99), 2) : null);
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

static Task<(double[] LatenciesMs, double[] LateMs, int Errors)> FireAsync(HttpClient http, byte[][] documents, int clients, int? rate) =>
    rate is { } perSecond ? FireAtRateAsync(http, documents, clients, perSecond) : FireClosedLoopAsync(http, documents, clients);

// Each client sends its next upload as soon as the last is answered.
static async Task<(double[] LatenciesMs, double[] LateMs, int Errors)> FireClosedLoopAsync(HttpClient http, byte[][] documents, int clients)
{
    var latencies = new double[documents.Length];
    var next = -1;
    var errors = 0;
    var workers = Enumerable.Range(0, clients).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < documents.Length)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await SendAsync(http, documents[i], i))
            {
                Interlocked.Increment(ref errors);
            }

            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    });
    await Task.WhenAll(workers);
    return (latencies, [], errors);
}

// Upload i is due at start + i/rate. One thread keeps the schedule and starts each upload itself (timer callbacks
// and thread-pool hops would add their own delay under load); at most `clients` are in flight, and an upload that
// waits for a free client counts that wait. Latency runs from the due time; lateness is how far past it the
// request actually went out.
static async Task<(double[] LatenciesMs, double[] LateMs, int Errors)> FireAtRateAsync(HttpClient http, byte[][] documents, int clients, int perSecond)
{
    var latencies = new double[documents.Length];
    var late = new double[documents.Length];
    var errors = 0;
    using var slots = new SemaphoreSlim(clients, clients);
    var inFlight = new Task[documents.Length];
    var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var origin = Stopwatch.GetTimestamp();
    var pacer = new Thread(() =>
    {
        for (var i = 0; i < documents.Length; i++)
        {
            var due = origin + (long)(i * (double)Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            slots.Wait();
            late[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            inFlight[i] = Send(i, due);
        }

        scheduled.SetResult();
    })
    { Name = "pacer", IsBackground = true };
    pacer.Start();

    // Awaited, not joined: a blocked pool thread would leave the responses short of threads.
    await scheduled.Task;
    await Task.WhenAll(inFlight);
    return (latencies, late, errors);

    async Task Send(int i, long due)
    {
        try
        {
            if (!await SendAsync(http, documents[i], i))
            {
                Interlocked.Increment(ref errors);
            }

            latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        }
        finally
        {
            slots.Release();
        }
    }
}

static async Task<bool> SendAsync(HttpClient http, byte[] document, int i)
{
    using var content = new ByteArrayContent(document);
    content.Headers.ContentType = new("text/plain");
    try
    {
        using var response = await http.PostAsync($"api/documents?name=note-{i}.txt", content);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode == HttpStatusCode.Accepted;
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        return false;
    }
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
