using DocPipeline.Pipeline.Telemetry;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Host.Telemetry;

/// <summary>
/// Counts pending and running documents in the store now and then for <c>docpipeline.queue.depth</c>. Runs only
/// while metrics are exported.
/// </summary>
internal sealed class QueueDepthSampler(DurableTaskClient client, TimeProvider time, ILogger<QueueDepthSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    // Past this many, the gauge reports the cap rather than paging through a huge backlog every interval.
    private const int MaxCounted = 100_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var pending = await CountAsync(OrchestrationRuntimeStatus.Pending, stoppingToken);
                var running = await CountAsync(OrchestrationRuntimeStatus.Running, stoppingToken);
                PipelineMetrics.SetQueueDepth(pending, running);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.QueueDepthSampleFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<long> CountAsync(OrchestrationRuntimeStatus status, CancellationToken cancellationToken)
    {
        long count = 0;
        var query = new OrchestrationQuery { Statuses = [status], PageSize = 1000 };
        await foreach (var _ in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (++count >= MaxCounted)
            {
                break;
            }
        }

        return count;
    }
}
