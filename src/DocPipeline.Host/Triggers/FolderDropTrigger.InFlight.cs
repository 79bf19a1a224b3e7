using DocPipeline.DurableTask.Http;
using System.Globalization;
using System.Text;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;

namespace DocPipeline.Host.Triggers;

internal sealed partial class FolderDropTrigger
{
    private async Task AdvanceInFlightAsync(DropFolder folder, CancellationToken cancellationToken)
    {
        foreach (var path in Directory.EnumerateFiles(folder.Processing))
        {
            var name = Path.GetFileName(path);
            if (!DropFolder.IsIgnored(name) && !_inFlight.ContainsKey(path))
            {
                // Left here by an earlier run of the app: find its instance rather than start it again.
                _inFlight[path] = new InFlightFile(name, Fresh: false);
                logger.FileResumed(name);
            }
        }

        var now = time.GetUtcNow();
        foreach (var (path, file) in _inFlight.ToList())
        {
            if (!File.Exists(path))
            {
                _inFlight.Remove(path);
                logger.FileVanished(file.Name, folder.Processing);
                continue;
            }

            if (file.NextAttempt > now)
            {
                continue;
            }

            try
            {
                await AdvanceAsync(folder, path, file, cancellationToken);
                file.Failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                file.Failures++;
                var delay = TriggerDelays.Backoff(file.Failures, options.Value.PollInterval, MaxRetryDelay);
                file.NextAttempt = now + delay;
                logger.FileStepFailed(ex, file.Name, file.Failures, delay);
            }
        }
    }

    private async Task AdvanceAsync(DropFolder folder, string path, InFlightFile file, CancellationToken cancellationToken)
    {
        if (file.InstanceId is null)
        {
            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            var limit = pipeline.Value.MaxDocumentBytes;
            if (content.Length > limit)
            {
                MoveToFailed(folder, path, file.Name, UnprocessableInputException.TooLarge($"The file '{file.Name}'", content.Length, limit).Message, null);
                return;
            }

            if (!file.Fresh)
            {
                var instanceId = DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content));
                if (await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is not null)
                {
                    file.InstanceId = instanceId;
                }
            }

            if (file.InstanceId is null)
            {
                var submission = await submitter.SubmitAsync(content, file.Name, TriggerNames.BlobDrop, cancellationToken: cancellationToken);
                file.InstanceId = submission.InstanceId;
                logger.DocumentSubmitted("folder drop", file.Name, submission.InstanceId, submission.Outcome);
            }
        }

        var instance = await InstanceOutcome.GetAsync(client, file.InstanceId, cancellationToken);
        if (instance is null)
        {
            MoveToFailed(folder, path, file.Name, $"Instance '{file.InstanceId}' no longer exists; it was purged before the file's outcome was recorded.", file.InstanceId);
        }
        else if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            var target = DropFolder.FreePath(folder.Processed, file.Name);
            File.Move(path, target);
            _inFlight.Remove(path);
            logger.FileFinished(file.Name, instance.InstanceId, instance.RuntimeStatus, target);
        }
        else if (instance.RuntimeStatus.IsTerminal())
        {
            MoveToFailed(folder, path, file.Name, InstanceOutcome.FailureReason(instance), instance.InstanceId, instance.RuntimeStatus);
        }
    }

    private void MoveToFailed(DropFolder folder, string path, string name, string reason, string? instanceId, OrchestrationRuntimeStatus? status = null)
    {
        var target = DropFolder.FreePath(folder.Failed, name);
        var report = new StringBuilder()
            .AppendLine(reason)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Document: {name}")
            .AppendLine(CultureInfo.InvariantCulture, $"Instance: {instanceId ?? "(not started)"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Status: {status?.ToString() ?? "Rejected"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Time: {time.GetUtcNow():O}");

        // The reason is written before the move, so a crash in between leaves the file to be reported again, not lost.
        File.WriteAllText(target + DropFolder.ErrorSuffix, report.ToString());
        File.Move(path, target);
        _inFlight.Remove(path);
        logger.FileFailed(name, instanceId, reason, target);
    }

    /// <summary>A file in <c>.processing/</c>: its instance once known, and when to try again after a failed step.</summary>
    private sealed record InFlightFile(string Name, bool Fresh)
    {
        public string? InstanceId { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset NextAttempt { get; set; }
    }
}
