using DocPipeline.Pipeline.Contracts;

namespace DocPipeline.Pipeline.Storage;

/// <summary>Where finished results are written.</summary>
public interface IResultStore
{
    /// <summary>Writes the result (replacing an earlier one for the same instance) and returns its location.</summary>
    Task<string> SaveAsync(DocumentResult result, CancellationToken cancellationToken = default);

    /// <summary>Reads a result's JSON; null when there is none.</summary>
    Task<string?> ReadAsync(string instanceId, CancellationToken cancellationToken = default);
}
