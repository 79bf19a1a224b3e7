using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Functions.Functions;

/// <summary>
/// Every 10 seconds, drains the Service Bus queue (the Functions Service Bus extension is not available to this
/// app's build; see the README). Does nothing without <c>ServiceBusConnection</c>.
/// </summary>
public sealed class ServiceBusDrainFunction(ServiceBusDrain drain)
{
    /// <summary>The timer schedule (NCRONTAB with seconds).</summary>
    public const string Schedule = "*/10 * * * * *";

    /// <summary>Runs one drain.</summary>
    [Function(FunctionNames.ServiceBusDrain)]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return drain.IsEnabled ? drain.DrainAsync(client, context.CancellationToken) : Task.CompletedTask;
    }
}
