using Azure.Identity;
using Azure.Storage.Blobs;
using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace DocPipeline.Functions;

/// <summary>The app's registrations: the shared pipeline on Blob Storage, the Service Bus drain, telemetry.</summary>
public static class FunctionsAppBuilderExtensions
{
    /// <summary>
    /// Reads the shared <c>host.json</c> (its <c>pipeline</c> section is <see cref="PipelineOptions"/>) and adds the
    /// pipeline with artifacts, results and saved model answers in the <c>AzureWebJobsStorage</c> account.
    /// </summary>
    /// <param name="builder">The Functions application builder.</param>
    public static FunctionsApplicationBuilder AddDocPipelineFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        var hub = builder.Configuration["extensions:durableTask:hubName"] ?? StorageNames.HubName;
        var blobs = CreateBlobServiceClient(builder.Configuration);
        builder.Services.AddSingleton(blobs);
        builder.Services.AddDocumentPipeline(builder.Configuration, PipelineStorage.InBlobs(blobs, hub));
        builder.Services.AddSingleton<DocumentIntake>();
        builder.Services.AddSingleton<ServiceBusDrain>();
        builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults().WithTracing(t => t.AddSource(DocPipelineTelemetry.Name));
        return builder;
    }

    /// <summary>
    /// The blob service of the <c>AzureWebJobsStorage</c> setting: a connection string (<c>UseDevelopmentStorage=true</c>
    /// included) or identity-based (<c>AzureWebJobsStorage__blobServiceUri</c> or <c>__accountName</c>, with
    /// <c>__clientId</c> for a user-assigned identity).
    /// </summary>
    /// <param name="configuration">The app configuration.</param>
    public static BlobServiceClient CreateBlobServiceClient(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = configuration[StorageNames.StorageConnection];
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new BlobServiceClient(connection);
        }

        var section = configuration.GetSection(StorageNames.StorageConnection);
        var uri = section["blobServiceUri"] ?? (section["accountName"] is { Length: > 0 } account ? $"https://{account}.blob.core.windows.net" : null);
        if (uri is null)
        {
            throw new InvalidOperationException(
                $"Set {StorageNames.StorageConnection} (a connection string, or UseDevelopmentStorage=true with Azurite) or {StorageNames.StorageConnection}__blobServiceUri / __accountName for a managed identity.");
        }

        var credential = section["clientId"] is { Length: > 0 } clientId ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)) : (Azure.Core.TokenCredential)new DefaultAzureCredential();
        return new BlobServiceClient(new Uri(uri), credential);
    }
}
