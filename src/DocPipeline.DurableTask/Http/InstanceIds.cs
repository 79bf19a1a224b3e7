using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DocPipeline.DurableTask.Http;

/// <summary>
/// Checks ids and names taken from the URL with the same rules the client applies when starting an instance, so
/// a malformed id is answered with 400 instead of a misleading 404.
/// </summary>
internal static class InstanceIds
{
    private const int MaxLength = 256;

    public static bool TryValidate(string? value, string what, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            error = $"The {what} must be 1 to {MaxLength} characters long.";
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '/' or '\\' or '#' or '?')
            {
                error = string.Create(CultureInfo.InvariantCulture, $"The {what} may not contain control characters or '/', '\\', '#', '?' (found U+{(int)c:X4}).");
                return false;
            }
        }

        error = null;
        return true;
    }
}
