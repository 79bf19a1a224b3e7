using System.Text;
using DocPipeline.Documents.Sanitization.Cleaning;
using DocPipeline.Documents.Sanitization.Pii;

namespace DocPipeline.Documents.Sanitization;

/// <summary>
/// Cleans extracted document text and replaces personal and secret data with typed placeholders
/// (<c>[EMAIL_1]</c>, <c>[PHONE_2]</c>, …; see <see cref="PiiType"/> for the full list). Thread-safe and stateless
/// apart from its options.
/// </summary>
public sealed class TextSanitizer
{
    /// <summary>Creates a sanitizer.</summary>
    /// <param name="options">Switches and limits; <see langword="null"/> means <see cref="TextSanitizerOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public TextSanitizer(TextSanitizerOptions? options = null)
    {
        Options = options ?? TextSanitizerOptions.Default;
        Options.Validate();
    }

    /// <summary>The options in effect.</summary>
    public TextSanitizerOptions Options { get; }

    /// <summary>
    /// Cleans and redacts a whole document. Form feeds (<c>\f</c>), which PDF extractors put between pages, are
    /// treated as page breaks so repeated headers and footers can be removed.
    /// </summary>
    /// <param name="text">The extracted text.</param>
    /// <returns>The sanitized text, redaction counts and the in-memory placeholder map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public SanitizedText Sanitize(string text) => Redact(Clean(text));

    /// <summary>Cleans and redacts a document given page by page, removing repeated headers and footers first.</summary>
    /// <param name="pages">The text of each page in order.</param>
    /// <returns>The sanitized text of the whole document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pages"/> or one of its items is null.</exception>
    public SanitizedText Sanitize(IReadOnlyList<string> pages) => Redact(Clean(pages));

    /// <summary>Applies the clean-up steps only (no redaction). Form feeds are page breaks as in <see cref="Sanitize(string)"/>.</summary>
    /// <param name="text">The extracted text.</param>
    /// <returns>The cleaned text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Options.RemoveRepeatedHeadersAndFooters && text.Contains('\f', StringComparison.Ordinal)
            ? Clean(text.Split('\f'))
            : CleanPages([text]);
    }

    /// <summary>Applies the clean-up steps to a document given page by page and joins the pages.</summary>
    /// <param name="pages">The text of each page in order.</param>
    /// <returns>The cleaned text of the whole document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pages"/> or one of its items is null.</exception>
    public string Clean(IReadOnlyList<string> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i] is null)
            {
                throw new ArgumentNullException(nameof(pages), $"Page {i} is null.");
            }
        }

        return CleanPages(pages);
    }

    /// <summary>
    /// Finds personal and secret data in <paramref name="text"/> as it is (no clean-up), honouring
    /// <see cref="TextSanitizerOptions.RedactTypes"/>. The spans do not overlap and are in text order.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>Where each finding is; values are not copied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public IReadOnlyList<PiiSpan> FindPii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PiiScanner.Scan(text, Options.RedactTypes).Select(c => new PiiSpan(c.Type, c.Start, c.Length)).ToList();
    }

    private string CleanPages(IReadOnlyList<string> pages)
    {
        var o = Options;
        var normalize = o.Clean || o.NormalizeUnicode;
        var pageLines = new List<string[]>(pages.Count);
        foreach (var page in pages)
        {
            var p = normalize ? TextCleaner.NormalizeCharacters(page, o.Clean, o.NormalizeUnicode, keepSoftHyphens: o.JoinHyphenatedWords) : page;
            if (o.Clean)
            {
                p = TextCleaner.TidyLines(p);
            }

            pageLines.Add(p.Split('\n'));
        }

        if (o.RemoveRepeatedHeadersAndFooters && pageLines.Count > 1)
        {
            pageLines = HeaderFooterRemover.Remove(pageLines, o.HeaderFooterLinesPerPage, o.HeaderFooterMinPageShare);
        }

        var text = JoinPages(pageLines);
        if (o.JoinHyphenatedWords)
        {
            text = HyphenationJoiner.Join(text);
        }

        if (o.Clean)
        {
            text = TextCleaner.RemoveSoftHyphens(text);
            text = TextCleaner.CollapseBlankLines(text, o.MaxConsecutiveBlankLines);
        }

        return text;
    }

    /// <summary>
    /// Pages are joined with a paragraph break when the page ends a sentence and with a line break otherwise, so a
    /// sentence (or a hyphenated word) that runs over a page break stays in one paragraph.
    /// </summary>
    private static string JoinPages(List<string[]> pageLines)
    {
        if (pageLines.Count == 1)
        {
            return string.Join('\n', pageLines[0]);
        }

        var sb = new StringBuilder();
        foreach (var lines in pageLines)
        {
            var body = string.Join('\n', lines).Trim('\n');
            if (body.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                var last = sb[^1];
                sb.Append(last is '.' or '!' or '?' or ':' or ';' or '"' or '\u201D' or ')' or ']' ? "\n\n" : "\n");
            }

            sb.Append(body);
        }

        return sb.ToString();
    }

    private SanitizedText Redact(string text)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (!Options.Redact || text.Length == 0)
        {
            return new SanitizedText { Text = text, RedactionCounts = counts };
        }

        var findings = PiiScanner.Scan(text, Options.RedactTypes);
        if (findings.Count == 0)
        {
            return new SanitizedText { Text = text, RedactionCounts = counts };
        }

        var allocator = new PlaceholderAllocator(text);
        var map = new RedactionMap();
        var sb = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings)
        {
            sb.Append(text, position, finding.Start - position);
            var placeholder = allocator.PlaceholderFor(finding.Type, finding.Key);
            sb.Append(placeholder);
            map.Add(text.Substring(finding.Start, finding.Length), placeholder);
            var label = finding.Type.ToPlaceholderLabel();
            counts[label] = counts.GetValueOrDefault(label) + 1;
            position = finding.End;
        }

        sb.Append(text, position, text.Length - position);
        return new SanitizedText { Text = sb.ToString(), RedactionCounts = counts, Placeholders = map };
    }
}
