using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Person names. Runs of capitalised words are read with what surrounds them: a title ("Ms", "Dr.", "Herr"), a
/// salutation ("Dear", "Hi"), a field label ("Name:", "Approved by"), a closing line above a signature, an e-mail
/// address after a display name, or a list label ("Attendees:"); without such a cue a run needs a given name or
/// surname from <see cref="NameLexicon"/>. Runs that contain a common English word that is not a name ("Customer
/// Service", "Baker Street", "Nakamura Industries"), a month, weekday or country are left alone. Every later mention
/// of a part of a full name ("Priya", "Ms Tanaka", "P. Tanaka") gets the placeholder of that person.
/// </summary>
internal static partial class PersonNameDetector
{
    private const int MaxNameWords = 4;

    public static void Find(string text, List<PiiCandidate> sink)
    {
        var lexicon = NameLexicon.Instance;
        var mentions = new List<Mention>();
        var previousEnd = -1;
        foreach (Match m in Run().Matches(text))
        {
            if (Classify(text, m, previousEnd, lexicon) is { } mention)
            {
                mentions.Add(mention);
                previousEnd = mention.End;
            }
        }

        if (mentions.Count == 0)
        {
            return;
        }

        var people = mentions.Where(m => m.NameWords.Count(w => !IsInitial(w)) >= 2).ToList();
        AddLaterMentions(text, people, mentions, lexicon);
        foreach (var mention in mentions)
        {
            sink.Add(new PiiCandidate(PiiType.Person, mention.Start, mention.End - mention.Start, KeyFor(mention, people)));
        }
    }

    private static Mention? Classify(string text, Match m, int previousEnd, NameLexicon lexicon)
    {
        var title = m.Groups["title"];
        var words = Words().Matches(m.Groups["run"].Value).Select(w => (w.Value, Index: m.Groups["run"].Index + w.Index)).ToList();
        var hasTitle = title.Success;
        var start = hasTitle ? title.Index : words[0].Index;
        var cue = false;

        // Leading words that are not names: "Please", "Thanks", "Dear" at the start of the run.
        while (!hasTitle && words.Count > 0 && (IsCueWord(words[0].Value) || (lexicon.IsCommonWord(words[0].Value) && !lexicon.IsGivenName(words[0].Value)) ||
            lexicon.IsCalendarWord(words[0].Value) || IsParticle(words[0].Value)))
        {
            cue |= IsCueWord(words[0].Value);
            words.RemoveAt(0);
        }

        while (words.Count > 0 && IsParticle(words[^1].Value))
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count == 0 || words.Count > MaxNameWords + 1)
        {
            return null;
        }

        if (!hasTitle)
        {
            start = words[0].Index;
        }

        var end = words[^1].Index + words[^1].Value.Length;
        var names = words.Select(w => StripHonorific(w.Value)).ToList();
        var honorific = names[^1].Length != words[^1].Value.Length;

        // A name joined to the name before it ("Grace and Joy", "Ahmed, Omar") is cued by it.
        cue |= HasCue(text, start, end) || (previousEnd >= 0 && previousEnd < start && NameJoiner().IsMatch(text.AsSpan(previousEnd, start - previousEnd)));

        // With a cue and a known given name first, a surname that is also a common word stays a surname ("Jane Doe").
        var lenient = hasTitle || (cue && lexicon.IsGivenName(names[0]));
        foreach (var name in names.Skip(1))
        {
            if (IsParticle(name) || IsInitial(name))
            {
                continue;
            }

            if (lexicon.IsCalendarWord(name) || IsOrganisationWord(name) || (!lenient && lexicon.IsCommonWord(name) && !lexicon.IsKnownName(name)) ||
                (lexicon.IsCountry(name) && !lexicon.IsKnownName(name)))
            {
                return null;
            }
        }

        if (IsOrganisationWord(names[0]) || (lexicon.IsCountry(names[0]) && !lexicon.IsGivenName(names[0])) || lexicon.IsCalendarWord(names[0]))
        {
            return null;
        }

        if (IsOrganisationFollower(TextContext.After(text, end, 24)))
        {
            return null;
        }

        var real = names.Where(n => !IsParticle(n) && !IsInitial(n)).ToList();
        if (real.Count == 0)
        {
            return null;
        }

        var accepted = hasTitle || honorific
            || (cue && !(real.Count == 1 && ((lexicon.IsCommonWord(real[0]) && !lexicon.IsKnownName(real[0])) || (lexicon.IsPlace(real[0]) && !lexicon.IsGivenName(real[0])))))
            || (real.Count >= 2 && real.Any(lexicon.IsKnownName))
            || (real.Count >= 2 && !lexicon.IsPlace(string.Join(' ', names)) && real.All(w => !lexicon.IsCommonWord(w) && !lexicon.IsPlace(w)))
            || (real.Count == 1 && names.Count >= 2 && IsInitial(names[0]) && !lexicon.IsCommonWord(real[0]))
            || (real.Count == 1 && names.Count == 1 && lexicon.IsGivenName(real[0]) && !lexicon.IsCommonWord(real[0]) && !lexicon.IsPlace(real[0]) &&
                !Determiner().IsMatch(TextContext.Before(text, start, 12)));
        return accepted ? new Mention(start, end, names) : null;
    }

    private static string KeyFor(Mention mention, List<Mention> people)
    {
        var own = string.Join(' ', mention.NameWords.Where(w => !IsParticle(w))).ToLowerInvariant();
        if (people.Contains(mention))
        {
            return own;
        }

        var person = FindPerson(mention.NameWords, people);
        return person is null ? own : string.Join(' ', person.NameWords.Where(w => !IsParticle(w))).ToLowerInvariant();
    }

    /// <summary>The full mention a short mention refers to: "Tanaka", "P. Tanaka" and "Priya" all point to "Priya Tanaka".</summary>
    private static Mention? FindPerson(IReadOnlyList<string> words, List<Mention> people)
    {
        var last = words[^1];
        var initial = words.Count >= 2 && IsInitial(words[0]) ? words[0][0] : (char?)null;
        foreach (var person in people)
        {
            var full = person.NameWords;
            if (words.Count == 1 && full.Contains(last, StringComparer.OrdinalIgnoreCase))
            {
                return person;
            }

            if (string.Equals(full[^1], last, StringComparison.OrdinalIgnoreCase) && (initial is null || char.ToUpperInvariant(full[0][0]) == initial))
            {
                return person;
            }
        }

        return null;
    }

    /// <summary>Adds bare mentions of the parts of each full name found, as long as they are not common words.</summary>
    private static void AddLaterMentions(string text, List<Mention> people, List<Mention> mentions, NameLexicon lexicon)
    {
        var parts = people.SelectMany(p => p.NameWords).Where(w => !IsParticle(w) && !IsInitial(w) && w.Length >= 2 && !lexicon.IsCommonWord(w))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var part in parts)
        {
            var index = 0;
            while ((index = text.IndexOf(part, index, StringComparison.Ordinal)) >= 0)
            {
                var end = index + part.Length;
                var bounded = (index == 0 || !char.IsLetterOrDigit(text[index - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
                if (bounded && !mentions.Any(m => m.Start < end && index < m.End))
                {
                    mentions.Add(new Mention(index, end, [part]));
                }

                index = end;
            }
        }
    }

    private static bool IsInitial(string word) => word.Length == 2 && word[1] == '.';

    private static string StripHonorific(string word)
    {
        var m = Honorific().Match(word);
        return m.Success ? word[..m.Index] : word;
    }

    private sealed record Mention(int Start, int End, IReadOnlyList<string> NameWords);
}
