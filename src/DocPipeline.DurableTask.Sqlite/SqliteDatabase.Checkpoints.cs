using Microsoft.Data.Sqlite;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>Write-ahead-log checkpoints, off the commit path.</summary>
internal sealed partial class SqliteDatabase
{
    private readonly CancellationTokenSource _checkpointStop = new();
    private Task? _checkpoints;

    /// <summary>
    /// Starts background checkpoints (the writer has them turned off). Left to SQLite, a checkpoint runs inside
    /// whichever commit crosses the log's size limit, and that commit takes milliseconds longer.
    /// </summary>
    private void StartCheckpoints()
    {
        var interval = _settings.EffectiveCheckpointInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        _checkpoints = Task.Run(() => CheckpointLoopAsync(interval, _checkpointStop.Token), CancellationToken.None);
    }

    private async Task StopCheckpointsAsync()
    {
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
                    connection ??= Open();
                    using var command = connection.CreateCommand();

                    // PASSIVE copies what no reader still needs and never waits: writers go on appending meanwhile.
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    command.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // Another process is checkpointing, or the file is briefly unavailable: the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
