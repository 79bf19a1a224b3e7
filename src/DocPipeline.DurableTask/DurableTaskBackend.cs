using DurableTask.Core;
using DurableTask.Core.Query;

namespace DocPipeline.DurableTask;

/// <summary>
/// A DTFx storage backend: the service the worker runs on and the client side used to start, query and control
/// instances. The client side should also implement <see cref="IOrchestrationServiceQueryClient"/> and
/// <see cref="IOrchestrationServicePurgeClient"/>; members that need them throw <see cref="NotSupportedException"/>
/// otherwise.
/// </summary>
public sealed class DurableTaskBackend
{
    /// <summary>Creates a backend description.</summary>
    /// <param name="service">The orchestration service the worker runs on.</param>
    /// <param name="client">The client side of the same store.</param>
    /// <param name="description">A one-line description without secrets, for logs.</param>
    /// <param name="rewind">Rewinds a failed instance (instance id, reason), when the backend can.</param>
    public DurableTaskBackend(IOrchestrationService service, IOrchestrationServiceClient client, string description, Func<string, string, Task>? rewind = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(description);
        Service = service;
        Client = client;
        Description = description;
        Rewind = rewind;
    }

    /// <summary>The orchestration service the worker runs on.</summary>
    public IOrchestrationService Service { get; }

    /// <summary>The client side of the same store.</summary>
    public IOrchestrationServiceClient Client { get; }

    /// <summary>A one-line description without secrets.</summary>
    public string Description { get; }

    /// <summary>Rewinds a failed instance, or null when the backend cannot.</summary>
    public Func<string, string, Task>? Rewind { get; }
}
