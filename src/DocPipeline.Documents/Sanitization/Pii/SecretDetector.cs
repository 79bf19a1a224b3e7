using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Credentials: well-known token formats are redacted whole; for assignments such as <c>password=…</c>,
/// <c>AccountKey=…</c> or <c>Bearer …</c> only the value is redacted so the label stays readable.
/// </summary>
internal static partial class SecretDetector
{
    private static readonly Regex[] WholeTokenPatterns =
    [
        PemBlock(), PemHeaderAndBody(), AwsAccessKeyId(), GoogleApiKey(), GitHubToken(), GitHubFineGrainedToken(),
        SlackToken(), SlackWebhook(), StripeKey(), OpenAiStyleKey(), GitLabToken(), Jwt(),
    ];

    private static readonly Regex[] ValuePatterns = [AzureKey(), SasSignature(), BearerToken(), SqlPassword()];

    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (var pattern in WholeTokenPatterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                sink.Add(new PiiCandidate(PiiType.Secret, m.Index, m.Length, m.Value));
            }
        }

        foreach (var pattern in ValuePatterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                var v = m.Groups["v"];
                sink.Add(new PiiCandidate(PiiType.Secret, v.Index, v.Length, v.Value));
            }
        }

        foreach (Match m in QuotedPair().Matches(text))
        {
            var v = m.Groups["v"];
            if (LooksLikeSecretValue(v.Value, explicitAssignment: true))
            {
                sink.Add(new PiiCandidate(PiiType.Secret, v.Index, v.Length, v.Value));
            }
        }

        foreach (Match m in Assignment().Matches(text))
        {
            var v = m.Groups["v"];
            var quoted = m.Groups["q"].Success;
            var value = quoted ? v.Value : TrimSentenceEnd(v.Value);
            if (LooksLikeSecretValue(value, quoted || m.Groups["op"].Value != ":"))
            {
                sink.Add(new PiiCandidate(PiiType.Secret, v.Index, value.Length, value));
            }
        }
    }

    /// <summary>A full stop right after an unquoted value ends the sentence; other punctuation may belong to the secret.</summary>
    private static string TrimSentenceEnd(string value) => value.Length > 1 && value[^1] == '.' ? value[..^1] : value;

    /// <summary>
    /// A value after <c>password:</c> in prose is often a word ("Password: required"), so unquoted colon values must
    /// look like a credential; <c>=</c> and quoted values are taken as credentials unless they are obviously masked
    /// or a reference to somewhere else (environment variable, template, placeholder).
    /// </summary>
    private static bool LooksLikeSecretValue(string value, bool explicitAssignment)
    {
        if (value.Length < 3 || value.All(c => c is '*' or 'x' or 'X' or '•' or '#' or '.' or '-' or '_'))
        {
            return false;
        }

        if (value[0] is '$' or '%' or '<' or '{' or '[' || (!explicitAssignment && value[0] is '/' or '~'))
        {
            return false;
        }

        var lower = value.ToLowerInvariant();
        if (lower is "null" or "none" or "true" or "false" or "undefined" or "redacted" or "hidden" or "masked" or "required" or "optional")
        {
            return false;
        }

        if (explicitAssignment)
        {
            return true;
        }

        var hasDigit = value.Any(char.IsDigit);
        var hasSymbol = value.Any(c => !char.IsLetterOrDigit(c));
        var hasInnerUpper = value.Skip(1).Any(char.IsUpper) && value.Any(char.IsLower);
        return hasDigit || hasSymbol || hasInnerUpper || value.Length >= 12;
    }

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,20000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant)]
    private static partial Regex PemBlock();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[ \t]*\n[ \t]*(?:[A-Za-z0-9+/=]{8,}|[A-Za-z\-]+:[^\n]*))*", RegexOptions.CultureInvariant)]
    private static partial Regex PemHeaderAndBody();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bgithub_pat_[A-Za-z0-9_]{22,255}\b", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubFineGrainedToken();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9\-]{10,250}", RegexOptions.CultureInvariant)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/services/[A-Za-z0-9/_\-]{10,}", RegexOptions.CultureInvariant)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}\b", RegexOptions.CultureInvariant)]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"(?<![\w\-])sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}(?![\w\-])", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAiStyleKey();

    [GeneratedRegex(@"\bglpat-[A-Za-z0-9_\-]{20,}(?![A-Za-z0-9_\-])", RegexOptions.CultureInvariant)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{4,}\.eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\b(?:AccountKey|SharedAccessKey|SharedSecret)\s*=\s*(?<v>[A-Za-z0-9+/]{16,}={0,2})", RegexOptions.CultureInvariant)]
    private static partial Regex AzureKey();

    [GeneratedRegex(@"[?&]sig=(?<v>[A-Za-z0-9%+/=]{16,})", RegexOptions.CultureInvariant)]
    private static partial Regex SasSignature();

    [GeneratedRegex(@"(?i)\b(?:bearer|basic)\s+(?<v>[A-Za-z0-9\-._~+/]{16,}=*)", RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?i)\b(?:with\s+(?:encrypted\s+)?password|identified\s+by)\s+'(?<v>[^'\n]{1,256})'", RegexOptions.CultureInvariant)]
    private static partial Regex SqlPassword();

    // A quoted credential name passed with a quoted value, as in PHP define('DB_PASSWORD', '…') or f("password", "…").
    // The opening bracket is required so that lists of field names (["password", "email"]) are not read as pairs.
    [GeneratedRegex(
        @"(?i)\([ \t]*[""'][\w\-]*(?<![\p{L}\p{N}])(?:password|passwd|pwd|passphrase|secret|client[_\-]?secret|secret[_\-]?key|api[_\-]?key|apikey|access[_\-]?key|access[_\-]?token|auth[_\-]?token|refresh[_\-]?token|private[_\-]?key|token)[""'][ \t]*,[ \t]*(?<q>[""'])(?<v>[^""'\n]{1,256})\k<q>",
        RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPair();

    [GeneratedRegex(
        @"(?i)(?<![\p{L}\p{N}])(?:password|passwd|passwort|kennwort|pwd|pass|passphrase|secret|client[_\-]?secret|secret[_\-]?key|api[_\- ]?key|apikey|access[_\-]?key|access[_\-]?token|auth[_\-]?token|refresh[_\-]?token|private[_\-]?key|token|mot de passe|contraseña|senha)[""']?[ \t]*(?<op>:=|=>|[:=])[ \t]*(?:(?<q>[""'])(?<v>[^""'\n]{1,256})\k<q>|(?<v>[^\s,;'""<>()\[\]{}]{1,256}))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();
}
