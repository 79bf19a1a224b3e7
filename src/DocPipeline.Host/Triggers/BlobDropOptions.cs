using System.ComponentModel.DataAnnotations;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// The blob-drop trigger, bound from <c>Pipeline:BlobDrop</c>: new blobs in the <see cref="Container"/> container
/// (Azure Storage mode) or new files in the <see cref="Folder"/> folder (embedded mode) start documents.
/// </summary>
public sealed class BlobDropOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Pipeline:BlobDrop";

    /// <summary>Whether the trigger runs. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The container watched in Azure Storage mode. Default <c>incoming</c>.</summary>
    [Required]
    public string Container { get; set; } = "incoming";

    /// <summary>
    /// The folder watched in embedded mode, relative to the app root unless absolute. Default <c>incoming</c>. Files
    /// move to <c>.processing/</c> while they run, then to <c>processed/</c> or <c>failed/</c> (with
    /// <c>&lt;name&gt;.error.txt</c>).
    /// </summary>
    [Required]
    public string Folder { get; set; } = "incoming";

    /// <summary>
    /// How often the folder or container is scanned, and outcomes of running documents are checked. Folder events
    /// wake the scan earlier. Default 5 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Folder mode: how long a file's size and modification time must stay unchanged (seen by two scans) before it
    /// counts as completely written. Default 2 s.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Container mode: how long a claim by a worker lasts; a blob still claimed after this (its worker stopped while
    /// submitting it) is claimed again. Default 5 min.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Container mode: attempts at a blob whose download or submission keeps failing before it is marked failed. Default 5.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;
}
