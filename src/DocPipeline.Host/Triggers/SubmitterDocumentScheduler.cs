using DocPipeline.Pipeline;

namespace DocPipeline.Host.Triggers;

/// <summary>Schedules documents through <see cref="DocumentSubmitter"/>, which dedupes by content hash.</summary>
internal sealed class SubmitterDocumentScheduler(DocumentSubmitter submitter) : IDocumentScheduler
{
    /// <inheritdoc />
    public Task<Submission> ScheduleAsync(ReadOnlyMemory<byte> content, string sourceName, string trigger, CancellationToken cancellationToken = default) =>
        submitter.SubmitAsync(content, sourceName, trigger, cancellationToken: cancellationToken);
}
