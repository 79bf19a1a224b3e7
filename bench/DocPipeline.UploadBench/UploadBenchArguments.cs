using System.Globalization;

namespace DocPipeline.UploadBench;

/// <summary>The command line: where serve runs, how many uploads, from how many clients.</summary>
internal sealed record UploadBenchArguments(Uri Url, int Requests, int Clients, int Size, int Warmup, string? Key, int? Rate)
{
    public const string Usage = "usage: [--url http://127.0.0.1:7071] [--requests 2000] [--clients 100] [--size 600] [--warmup 200] [--key KEY] [--rate UPLOADS_PER_SECOND]";

    public static (UploadBenchArguments? Value, string? Error) Parse(string[] args)
    {
        var url = new Uri("http://127.0.0.1:7071");
        var requests = 2000;
        var clients = 100;
        var size = 600;
        var warmup = 200;
        int? rate = null;
        string? key = Environment.GetEnvironmentVariable("DOCPIPELINE_API_KEY") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--url" when Uri.TryCreate(value, UriKind.Absolute, out var parsed) && parsed.IsLoopback:
                    url = parsed;
                    break;
                case "--url":
                    return (null, "--url must be an absolute loopback address, such as http://127.0.0.1:7071");
                case "--requests" when Positive(value, out var n):
                    requests = n;
                    break;
                case "--clients" when Positive(value, out var n):
                    clients = n;
                    break;
                case "--size" when Positive(value, out var n) && n >= 64:
                    size = n;
                    break;
                case "--warmup" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    warmup = n;
                    break;
                case "--rate" when Positive(value, out var n):
                    rate = n;
                    break;
                case "--key" when !string.IsNullOrEmpty(value):
                    key = value;
                    break;
                default:
                    return (null, $"unexpected argument '{args[i]}'");
            }

            i++;
        }

        return (new UploadBenchArguments(url, requests, clients, size, warmup, key, rate), null);
    }

    private static bool Positive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
