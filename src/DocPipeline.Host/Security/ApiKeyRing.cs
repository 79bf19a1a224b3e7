using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using DocPipeline.Host.Hosting;

namespace DocPipeline.Host.Security;

/// <summary>
/// The API keys the host accepts, the Azure Functions way: a key arrives in the <c>x-functions-key</c> header or the
/// <c>code</c> query parameter. Keys come from <c>DOCPIPELINE_API_KEY</c> and the <c>DocPipeline:ApiKeys</c> list.
/// Only SHA-256 hashes are kept, and a presented key is compared with every hash in constant time.
/// </summary>
public sealed class ApiKeyRing
{
    /// <summary>The single-key setting (environment variable or local.settings.json value).</summary>
    public const string SingleKeySetting = "DOCPIPELINE_API_KEY";

    /// <summary>The key-list setting: <c>DocPipeline:ApiKeys:0</c>, <c>:1</c>… or one value separated by <c>;</c> or <c>,</c>.</summary>
    public const string KeyListSetting = "DocPipeline:ApiKeys";

    /// <summary>The header that carries a key.</summary>
    public const string HeaderName = "x-functions-key";

    /// <summary>The query parameter that carries a key.</summary>
    public const string QueryName = "code";

    /// <summary>The shortest key accepted.</summary>
    public const int MinimumKeyLength = 16;

    // Longer presented keys are refused without hashing them: no configured key is that long.
    private const int MaximumKeyLength = 512;

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(" \t\r\n;,");
    private readonly byte[][] _hashes;

    /// <summary>Creates a ring over keys given in clear.</summary>
    /// <param name="keys">The accepted keys.</param>
    public ApiKeyRing(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _hashes = keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();
    }

    /// <summary>A ring with no keys: every request is let through (the host then listens on loopback only).</summary>
    public static ApiKeyRing None { get; } = new([]);

    /// <summary>Whether any key is configured, that is, whether requests must present one.</summary>
    public bool IsEnabled => _hashes.Length > 0;

    /// <summary>How many keys are accepted.</summary>
    public int Count => _hashes.Length;

    /// <summary>Reads the keys from configuration.</summary>
    /// <param name="configuration">The app configuration.</param>
    /// <exception cref="ServeStartupException">A key is too short or holds white space or control characters.</exception>
    public static ApiKeyRing FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = new List<string>();
        Add(keys, SingleKeySetting, configuration[SingleKeySetting]);
        var list = configuration.GetSection(KeyListSetting);
        foreach (var (value, index) in (list.Value ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((v, i) => (v, i)))
        {
            Add(keys, $"{KeyListSetting} (entry {index + 1})", value);
        }

        foreach (var child in list.GetChildren())
        {
            Add(keys, $"{KeyListSetting}:{child.Key}", child.Value);
        }

        return new ApiKeyRing(keys.Distinct(StringComparer.Ordinal));
    }

    /// <summary>Whether <paramref name="presented"/> is one of the keys. Takes the same time whichever key matches.</summary>
    /// <param name="presented">The key from the request.</param>
    public bool IsValid(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty || presented.Length > MaximumKeyLength)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaximumKeyLength * 3];
        var length = Encoding.UTF8.GetBytes(presented, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        CryptographicOperations.ZeroMemory(utf8[..length]);
        var match = false;
        foreach (var expected in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, expected);
        }

        return match;
    }

    private static void Add(List<string> keys, string setting, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // The messages name the setting and never repeat the key.
        if (value.Length < MinimumKeyLength)
        {
            throw new ServeStartupException(setting, $"The API key in '{setting}' is too short ({value.Length} characters); use at least {MinimumKeyLength} random characters, for example the output of 'openssl rand -base64 32'.");
        }

        if (value.Length > MaximumKeyLength)
        {
            throw new ServeStartupException(setting, $"The API key in '{setting}' is longer than {MaximumKeyLength} characters.");
        }

        if (value.AsSpan().IndexOfAny(Forbidden) >= 0 || value.Any(char.IsControl))
        {
            throw new ServeStartupException(setting, $"The API key in '{setting}' contains white space, control characters or ';'/','; use letters, digits and symbols such as '-', '_', '+', '/', '='.");
        }

        keys.Add(value);
    }
}
