using Microsoft.Data.Sqlite;

namespace DocPipeline.Durable.Sqlite;

/// <summary>Write-ahead-log checkpoints, off the commit path.</summary>
public sealed partial class SqliteOrchestrationStore
{
    private readonly CancellationTokenSource _checkpointStop = new();
    private Task? _checkpoints;
    private int _checkpointsStopped;

    /// <summary>Turns off checkpoints inside commits and starts the background ones; the caller holds the write lock.</summary>
    private async Task StartCheckpointsAsync(CancellationToken cancellationToken)
    {
        var interval = _options.EffectiveCheckpointInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        await ExecuteAsync(_writer!, null, "PRAGMA wal_autocheckpoint=0;", cancellationToken).ConfigureAwait(false);
        _checkpoints = Task.Run(() => CheckpointLoopAsync(interval, _checkpointStop.Token), CancellationToken.None);
    }

    private async Task StopCheckpointsAsync()
    {
        if (Interlocked.Exchange(ref _checkpointsStopped, 1) == 1)
        {
            return;
        }

        await _checkpointStop.CancelAsync().ConfigureAwait(false);
        if (_checkpoints is not null)
        {
            await _checkpoints.ConfigureAwait(false);
        }

        _checkpointStop.Dispose();
    }

    private async Task CheckpointLoopAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        SqliteConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    connection ??= await OpenAsync(stop).ConfigureAwait(false);
                    await using var command = connection.CreateCommand();

                    // PASSIVE copies what no reader still needs and never waits: writers go on appending meanwhile.
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }
                catch (SqliteException)
                {
                    // Another process is checkpointing, or the file is briefly unavailable: the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
