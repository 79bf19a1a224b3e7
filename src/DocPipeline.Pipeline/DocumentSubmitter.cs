using System.Security.Cryptography;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Models;
using DocPipeline.Pipeline.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DocPipeline.Pipeline;

/// <summary>
/// Stores a document and starts its pipeline run, idempotently: the instance id comes from the content hash, so the
/// same document submitted twice is one instance unless reprocessing is asked for.
/// </summary>
public sealed class DocumentSubmitter(
    IArtifactStore artifacts,
    DurableTaskClient client,
    ModelClients models,
    IOptions<PipelineOptions> options,
    TimeProvider time)
{
    /// <summary>The instance id for a document's content hash.</summary>
    public static string InstanceIdFor(string contentHash) => "doc-" + contentHash[..32];

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Submits a document.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="sourceName">The file or blob name, for display.</param>
    /// <param name="trigger">How it arrived.</param>
    /// <param name="reprocess">Run again even if this content already completed.</param>
    /// <param name="callbackUrl">Notified when the result is stored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Submission> SubmitAsync(ReadOnlyMemory<byte> content, string sourceName, string trigger, bool reprocess = false, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        var hash = Hash(content.Span);
        var instanceId = InstanceIdFor(hash);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (existing is not null && IsActive(existing.RuntimeStatus))
        {
            return new Submission(instanceId, hash, SubmissionOutcome.AlreadyRunning);
        }

        if (existing is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && !reprocess)
        {
            return new Submission(instanceId, hash, SubmissionOutcome.AlreadyCompleted);
        }

        var key = ArtifactKeys.Original(hash);
        if (!await artifacts.ExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            await artifacts.PutAsync(key, content, cancellationToken).ConfigureAwait(false);
        }

        var input = new DocumentPipelineInput(key, sourceName, hash, content.Length, time.GetUtcNow().UtcDateTime, CreatePlan(), trigger, callbackUrl, System.Diagnostics.Activity.Current?.Id);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(DocumentPipelineOrchestrator.Name, input, new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Each backend reports a duplicate start its own way; what counts is whether the same document is now running.
            var now = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (now is not null && IsActive(now.RuntimeStatus) && (existing is null || now.CreatedAt != existing.CreatedAt))
            {
                return new Submission(instanceId, hash, SubmissionOutcome.AlreadyRunning);
            }

            throw;
        }

        return new Submission(instanceId, hash, existing is null ? SubmissionOutcome.Started : SubmissionOutcome.Restarted);
    }

    /// <summary>Whether a run in this state is still going (or waiting to go).</summary>
    /// <param name="status">The runtime status.</param>
    public static bool IsActive(OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    /// <summary>The plan a new run follows, from the current settings.</summary>
    public PipelinePlan CreatePlan()
    {
        var settings = options.Value;
        var chain = new List<string>();
        if (models.HasGemini)
        {
            chain.Add(settings.PrimaryModel);
            if (!string.IsNullOrWhiteSpace(settings.FallbackModel) && settings.FallbackModel != settings.PrimaryModel)
            {
                chain.Add(settings.FallbackModel);
            }

            if (settings.AllowOfflineFallback)
            {
                chain.Add(ModelClients.Offline);
            }
        }
        else
        {
            chain.Add(ModelClients.Offline);
        }

        return new PipelinePlan(
            chain,
            settings.MaxAttemptsPerModel,
            settings.FirstRetryInterval,
            settings.BackoffCoefficient,
            settings.MaxRetryInterval,
            settings.QuotaExhaustedThreshold,
            settings.CallbackAttempts);
    }
}

/// <summary>What a submission did.</summary>
public enum SubmissionOutcome
{
    /// <summary>A new run started.</summary>
    Started,

    /// <summary>A finished (failed, terminated, or reprocessed) run was replaced by a new one.</summary>
    Restarted,

    /// <summary>The same content is being processed already.</summary>
    AlreadyRunning,

    /// <summary>The same content was processed already; its result stands.</summary>
    AlreadyCompleted,
}

/// <summary>The result of a submission.</summary>
public sealed record Submission(string InstanceId, string ContentHash, SubmissionOutcome Outcome);
