namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Recognises delimited data: every record (quotes respected) has the same number of one delimiter.
/// Prose rarely keeps an identical comma count line after line; short inputs need more columns to qualify.
/// </summary>
internal static class DelimitedShape
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static bool IsDelimited(List<string> lines)
    {
        var records = lines.Where(line => !string.IsNullOrWhiteSpace(line)).ToList();
        if (records.Count < 2)
        {
            return false;
        }

        foreach (var delimiter in Candidates)
        {
            if (HasConsistentColumns(records, delimiter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasConsistentColumns(List<string> records, char delimiter)
    {
        int? expected = null;
        var inQuotes = false;
        var count = 0;
        var complete = 0;
        foreach (var line in records)
        {
            foreach (var c in line)
            {
                if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (c == delimiter && !inQuotes)
                {
                    count++;
                }
            }

            // A quoted field may span lines; the record ends only where the quotes are balanced.
            if (inQuotes)
            {
                continue;
            }

            if (expected is null)
            {
                expected = count;
            }
            else if (count != expected)
            {
                return false;
            }

            complete++;
            count = 0;
        }

        if (expected is not { } columns || columns == 0 || complete < 2)
        {
            return false;
        }

        return complete >= 3 || columns >= 2;
    }
}
