using System.Text;
using DocumentFormat.OpenXml;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Walks WordprocessingML without recursion (hostile documents can nest deeply) and yields one block per paragraph
/// and one per table, rows on their own lines and cells separated by " | ". Text boxes become blocks after the
/// paragraph that anchors them; only the first choice of alternate content is read so nothing appears twice.
/// </summary>
internal sealed class WordBlockWalker(TextBudget budget)
{
    private const string CellSeparator = " | ";

    // Tables nested deeper than this are flattened into their cell's text.
    private const int MaxTableDepth = 16;

    public List<string> Blocks(OpenXmlElement root) => Blocks(root, tableDepth: 0);

    private List<string> Blocks(OpenXmlElement root, int tableDepth)
    {
        var blocks = new List<string>();
        var pending = new Stack<OpenXmlElement>();
        PushChildren(pending, root);
        while (pending.Count > 0)
        {
            var element = pending.Pop();
            switch (element)
            {
                case W.Paragraph paragraph:
                    Add(blocks, ParagraphText(paragraph));
                    PushChildren(pending, paragraph);
                    break;
                case W.Table table when tableDepth < MaxTableDepth:
                    Add(blocks, TableText(table, tableDepth));
                    break;
                default:
                    PushChildren(pending, element);
                    break;
            }
        }

        return blocks;
    }

    private string TableText(W.Table table, int tableDepth)
    {
        var rows = new List<string>();
        foreach (var row in table.Descendants<W.TableRow>().Where(row => row.Ancestors<W.Table>().FirstOrDefault() == table))
        {
            var cells = row.Descendants<W.TableCell>()
                .Where(cell => cell.Ancestors<W.TableRow>().FirstOrDefault() == row)
                .Select(cell => string.Join(" ", Blocks(cell, tableDepth + 1)).Replace('\n', ' '));
            var line = string.Join(CellSeparator, cells).TrimEnd();
            if (line.Replace(CellSeparator, "", StringComparison.Ordinal).Trim().Length > 0)
            {
                rows.Add(line);
            }
        }

        return string.Join("\n", rows);
    }

    // Text of the paragraph itself; paragraphs nested inside it (text boxes) are left to the block walk.
    private static string ParagraphText(W.Paragraph paragraph)
    {
        var text = new StringBuilder();
        if (paragraph.ParagraphProperties?.NumberingProperties is not null)
        {
            text.Append("- ");
        }

        var prefix = text.Length;
        var pending = new Stack<OpenXmlElement>();
        PushChildren(pending, paragraph);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case W.Paragraph or W.DeletedText or W.FieldCode or W.DeletedFieldCode:
                    break;
                case W.Text run:
                    text.Append(run.Text);
                    break;
                case W.TabChar or W.PositionalTab:
                    text.Append('\t');
                    break;
                case W.Break or W.CarriageReturn:
                    text.Append('\n');
                    break;
                case W.NoBreakHyphen:
                    text.Append('-');
                    break;
                case var other:
                    PushChildren(pending, other);
                    break;
            }
        }

        return text.Length == prefix ? "" : text.ToString();
    }

    private void Add(List<string> blocks, string text)
    {
        var normalized = TextCleanup.Normalize(text);
        if (normalized.Length > 0)
        {
            budget.Spend(normalized.Length + 2);
            blocks.Add(normalized);
        }
    }

    private static void PushChildren(Stack<OpenXmlElement> pending, OpenXmlElement element)
    {
        if (element is AlternateContent alternate)
        {
            var chosen = alternate.ChildElements.OfType<AlternateContentChoice>().FirstOrDefault()
                ?? (OpenXmlElement?)alternate.ChildElements.OfType<AlternateContentFallback>().FirstOrDefault();
            if (chosen is not null)
            {
                pending.Push(chosen);
            }

            return;
        }

        // Child lists are linked lists, so copy once instead of indexing from the end.
        var children = element.ChildElements.ToList();
        for (var i = children.Count - 1; i >= 0; i--)
        {
            pending.Push(children[i]);
        }
    }
}
