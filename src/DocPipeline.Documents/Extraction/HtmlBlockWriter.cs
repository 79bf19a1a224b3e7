using System.Globalization;
using System.Text;

namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Turns a stream of HTML enter/text/leave events into paragraphs, collapsing whitespace the way a browser renders
/// it except inside preformatted elements.
/// </summary>
internal sealed class HtmlBlockWriter(TextBudget budget)
{
    private const string CellSeparator = " | ";

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
    };

    private static readonly HashSet<string> Preformatted = new(StringComparer.OrdinalIgnoreCase) { "pre", "textarea", "listing", "xmp", "plaintext" };

    private readonly List<string> _blocks = [];
    private readonly StringBuilder _current = new();
    private readonly Stack<int?> _lists = new();
    private int _markerLength;
    private bool _pendingSpace;
    private int _preformattedDepth;
    private int _cellDepth;

    public void Enter(string name)
    {
        if (Preformatted.Contains(name))
        {
            _preformattedDepth++;
        }

        switch (name.ToLowerInvariant())
        {
            case "br" or "tr":
                LineBreak();
                return;
            case "td" or "th":
                if (!AtLineStart())
                {
                    _current.Append(CellSeparator);
                }

                _pendingSpace = false;
                _cellDepth++;
                return;
            case "ul" or "ol":
                _lists.Push(name.Equals("ol", StringComparison.OrdinalIgnoreCase) ? 0 : null);
                break;
            case "li" when _cellDepth == 0:
                Flush();
                _current.Append(NextMarker());
                _markerLength = _current.Length;
                return;
        }

        if (BlockElements.Contains(name))
        {
            Boundary();
        }
    }

    public void Leave(string name)
    {
        if (Preformatted.Contains(name))
        {
            _preformattedDepth--;
        }

        switch (name.ToLowerInvariant())
        {
            case "ul" or "ol" when _lists.Count > 0:
                _lists.Pop();
                break;
            case "td" or "th":
                _cellDepth--;
                return;
            case "tr":
                LineBreak();
                return;
        }

        if (BlockElements.Contains(name))
        {
            Boundary();
        }
    }

    public void Text(string data)
    {
        if (_preformattedDepth > 0)
        {
            _current.Append(data);
            _pendingSpace = false;
            return;
        }

        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                _pendingSpace = true;
                continue;
            }

            if (_pendingSpace && !AtLineStart())
            {
                _current.Append(' ');
            }

            _pendingSpace = false;
            _current.Append(c);
        }
    }

    public List<string> Finish()
    {
        Flush();
        return _blocks;
    }

    // Inside a table cell a block only separates words; elsewhere it ends the paragraph.
    private void Boundary()
    {
        if (_cellDepth > 0)
        {
            _pendingSpace = true;
            return;
        }

        Flush();
    }

    private void LineBreak()
    {
        if (_cellDepth > 0)
        {
            _pendingSpace = true;
            return;
        }

        if (!AtLineStart())
        {
            _current.Append('\n');
        }

        _pendingSpace = false;
    }

    private void Flush()
    {
        // A list item whose content starts with its own block keeps the marker for that block.
        if (_markerLength > 0 && _current.Length == _markerLength)
        {
            return;
        }

        var text = TextCleanup.Normalize(_current.ToString());
        _current.Clear();
        _pendingSpace = false;
        _markerLength = 0;
        if (text.Length > 0)
        {
            budget.Spend(text.Length + 2);
            _blocks.Add(text);
        }
    }

    // Ordered lists are numbered from 1; unordered items and items outside a list get a dash.
    private string NextMarker()
    {
        if (_lists.Count == 0 || _lists.Peek() is not { } previous)
        {
            return "- ";
        }

        _lists.Pop();
        _lists.Push(previous + 1);
        return (previous + 1).ToString(CultureInfo.InvariantCulture) + ". ";
    }

    private bool AtLineStart() => _current.Length == 0 || _current[^1] == '\n';
}
