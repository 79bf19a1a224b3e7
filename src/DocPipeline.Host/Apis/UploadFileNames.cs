using System.Globalization;
using System.Text;

namespace DocPipeline.Host.Apis;

/// <summary>
/// Makes an uploaded file name safe to show and store: directories are dropped (so <c>../../etc/passwd</c> becomes
/// <c>passwd</c>), control, formatting (bidirectional overrides) and reserved characters go, and the length is capped.
/// The name is only ever a label: documents are stored by content hash.
/// </summary>
public static class UploadFileNames
{
    /// <summary>The name used when none is given or nothing of it survives.</summary>
    public const string Fallback = "document";

    /// <summary>The longest name kept, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>Cleans a name.</summary>
    /// <param name="name">The name as sent.</param>
    public static string Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Fallback;
        }

        var last = name.Replace('\\', '/').Split('/').LastOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? string.Empty;
        var builder = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || (rune.IsAscii && "<>:\"|?*".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                continue;
            }

            builder.Append(rune.ToString());
        }

        var clean = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        if (clean.Length == 0)
        {
            return Fallback;
        }

        return clean.Length <= MaxLength ? clean : Shorten(clean);
    }

    // Keeps the extension, which is what people read to recognise a file.
    private static string Shorten(string name)
    {
        var extension = Path.GetExtension(name);
        if (extension.Length is 0 or > 16)
        {
            extension = string.Empty;
        }

        var stem = name[..^extension.Length];
        var keep = MaxLength - extension.Length;
        if (char.IsHighSurrogate(stem[keep - 1]))
        {
            keep--;
        }

        return stem[..keep].TrimEnd('.', ' ') + extension;
    }
}
