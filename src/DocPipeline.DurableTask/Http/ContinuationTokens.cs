using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace DocPipeline.DurableTask.Http;

/// <summary>
/// The list API's continuation tokens: the backend's token in an envelope of our own (a prefix and base64url), so a
/// header this API did not issue is refused with 400 instead of being passed to the backend, which may ignore it and
/// start again from the first page.
/// </summary>
internal static class ContinuationTokens
{
    private const string Prefix = "dp1.";

    public static string? Wrap(string? backendToken) =>
        string.IsNullOrEmpty(backendToken) ? null : Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(backendToken));

    public static bool TryUnwrap(string token, [NotNullWhen(true)] out string? backendToken)
    {
        backendToken = null;
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            backendToken = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length)));
            return backendToken.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
