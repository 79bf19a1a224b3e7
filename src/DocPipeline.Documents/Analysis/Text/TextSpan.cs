namespace DocPipeline.Documents.Analysis.Text;

/// <summary>A range of a text: <see cref="Start"/> and <see cref="Length"/> in characters.</summary>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public string Of(string text) => text.Substring(Start, Length);
}
