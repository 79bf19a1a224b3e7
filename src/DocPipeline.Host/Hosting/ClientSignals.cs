using DocPipeline.DurableTask.Client;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Host.Hosting;

/// <summary>What the app asks of the durable client beyond the SDK's own members.</summary>
internal static class ClientSignals
{
    /// <summary>
    /// Completes when this process's worker next commits a step of any instance, so loops that follow many instances
    /// re-read them on change; never completes for a client without a worker in this process (callers also poll).
    /// </summary>
    public static Task NextChangeAsync(this DurableTaskClient client) =>
        client is DurableTaskHostClient host ? host.WhenAnyInstanceChangesAsync() : new TaskCompletionSource().Task;

    /// <summary>The kind of backend behind the client (<c>sqlite</c>, <c>azure</c>), for health answers.</summary>
    public static string Describe(DurableTaskClient client) =>
        client is DurableTaskHostClient host ? host.BackendKind : client.Name;
}
