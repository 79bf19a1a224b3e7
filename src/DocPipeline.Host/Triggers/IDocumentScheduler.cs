using DocPipeline.Pipeline;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Starts the pipeline for one document a trigger received. A returned task means the start is recorded in the
/// durable store (or the same content already runs or ran), so the trigger may then let go of its message; a thrown
/// exception means nothing is recorded and the message must be kept for another try.
/// </summary>
public interface IDocumentScheduler
{
    /// <summary>Schedules the document and returns once its start is recorded.</summary>
    /// <param name="content">The document bytes.</param>
    /// <param name="sourceName">The file or blob name it is shown under.</param>
    /// <param name="trigger">How it arrived (recorded with the run).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance and whether it was new, already running, or already done.</returns>
    Task<Submission> ScheduleAsync(ReadOnlyMemory<byte> content, string sourceName, string trigger, CancellationToken cancellationToken = default);
}
