using DocPipeline.Host.Hosting;
using DocPipeline.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Embedded blob drop: new files in the drop folder start documents. A file is taken once it has looked the same
/// (size and modification time) on two scans at least <see cref="BlobDropOptions.SettleTime"/> apart and can be
/// opened exclusively; it then moves to <c>.processing/</c>, is submitted, and moves on to <c>processed/</c> or
/// <c>failed/</c> when its run ends. A file system watcher wakes the scan early, but scans also run on a timer
/// because watchers miss events. Files left in <c>.processing/</c> by an earlier run are picked up again without
/// starting their documents a second time.
/// </summary>
internal sealed partial class FolderDropTrigger(
    DocumentSubmitter submitter,
    DurableTaskClient client,
    TriggerEnvironment environment,
    IOptions<BlobDropOptions> options,
    IOptions<PipelineOptions> pipeline,
    TimeProvider time,
    ILogger<FolderDropTrigger> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinimumScanGap = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, FileLook> _looks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InFlightFile> _inFlight = new(StringComparer.Ordinal);
    private readonly WorkSignal _folderChanged = new();

    /// <summary>Finished scans, for whoever waits for the trigger to have looked.</summary>
    internal TriggerProgress Progress { get; } = new();

    /// <summary>The folder being watched.</summary>
    internal DropFolder Folder => DropFolder.Under(environment.AppRoot, options.Value.Folder);

    /// <summary>Creates the folders before the host reports started, so files can be dropped right away.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            try
            {
                Folder.EnsureCreated();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The scan loop keeps trying and reports it.
                logger.ScanFailed(ex, "folder drop", Folder.Incoming, 1);
            }
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.TriggerDisabled("folder drop", BlobDropOptions.SectionName + ":Enabled");
            return;
        }

        var folder = Folder;
        using var watcher = Watch(folder);
        logger.FolderWatching(folder.Incoming, settings.PollInterval);
        var failures = 0;
        var minimumGap = settings.PollInterval < MinimumScanGap ? settings.PollInterval : MinimumScanGap;
        var lastScan = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wakeUps = new List<Task> { _folderChanged.NextAsync() };
            if (_inFlight.Count > 0)
            {
                wakeUps.Add(client.NextChangeAsync());
            }

            try
            {
                folder.EnsureCreated();
                PickUpNewFiles(folder);
                await AdvanceInFlightAsync(folder, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                logger.ScanFailed(ex, "folder drop", folder.Incoming, failures);
            }

            Progress.CycleFinished();
            var wait = failures == 0 ? settings.PollInterval : TriggerDelays.Backoff(failures, settings.PollInterval, MaxRetryDelay);
            if (!await TriggerDelays.WaitAsync(wakeUps, wait, time, stoppingToken))
            {
                return;
            }

            // Folder events and status changes arrive in bursts; one scan per short gap is enough.
            var sinceLast = time.GetElapsedTime(lastScan);
            if (sinceLast < minimumGap && !await TriggerDelays.DelayAsync(minimumGap - sinceLast, time, stoppingToken))
            {
                return;
            }

            lastScan = time.GetTimestamp();
        }
    }
}
