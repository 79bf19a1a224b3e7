using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask.Testing;

namespace DocPipeline.Functions.Tests;

/// <summary>Starts the SDK's in-process backend, which picks its gRPC port itself.</summary>
internal static class InProcessHosts
{
    /// <summary>
    /// Starts a test host, trying again when the port it picked was taken by another process between its choice and its
    /// bind (test assemblies run side by side); any other failure is thrown at once.
    /// </summary>
    public static async Task<DurableTaskTestHost> StartAsync(Func<Task<DurableTaskTestHost>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException && attempt < 5)
            {
                // Another port is picked on the next start.
            }
        }
    }
}
