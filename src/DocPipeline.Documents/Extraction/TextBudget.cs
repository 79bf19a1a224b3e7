namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Counts extracted characters as they are produced so an oversized document is refused before its whole text
/// is materialised; it is also the place where long loops notice cancellation.
/// </summary>
internal sealed class TextBudget(int maxCharacters, CancellationToken cancellationToken)
{
    private long _used;

    public CancellationToken CancellationToken => cancellationToken;

    public void Spend(int characters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _used += characters;
        if (_used > maxCharacters)
        {
            throw Rejections.TooMuchText(maxCharacters);
        }
    }
}
