using DocPipeline.DurableTask.Http;
using System.Globalization;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Contracts;

namespace DocPipeline.Host.Cli;

/// <summary>One document's line in <c>run</c>'s progress and summary.</summary>
internal sealed class DocumentRow(string path)
{
    private string? _lastDescription;

    public string Path { get; } = path;

    public string Source => System.IO.Path.GetFileName(Path) is { Length: > 0 } name ? name : Path;

    public string? InstanceId { get; set; }

    public SubmissionOutcome? Outcome { get; set; }

    public OrchestrationRuntimeStatus Status { get; private set; } = OrchestrationRuntimeStatus.Pending;

    public string StatusText => InstanceId is null ? "Rejected" : Status.ToString();

    public PipelineStatus? Progress { get; private set; }

    public bool Done => InstanceId is null || Status.IsTerminal();

    public int Percent => Progress?.Percent ?? 0;

    public IReadOnlyList<string> Models { get; private set; } = [];

    public string? ResultPath { get; private set; }

    public string? Error { get; private set; }

    public DocumentRow Reject(string error)
    {
        Error = error;
        Status = OrchestrationRuntimeStatus.Failed;
        return this;
    }

    /// <summary>Reads the instance's status; true when what <see cref="Describe"/> says changed.</summary>
    public async Task<bool> RefreshAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(InstanceId!, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return false;
        }

        Status = instance.RuntimeStatus;
        Progress = instance.ReadCustomStatusAs<PipelineStatus>();
        var description = Describe();
        var changed = description != _lastDescription;
        _lastDescription = description;
        return changed;
    }

    public string Describe()
    {
        if (Status.IsTerminal())
        {
            return Status.ToString();
        }

        if (Progress is not { } p)
        {
            return Status == OrchestrationRuntimeStatus.Pending ? "queued" : Status.ToString();
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{p.Stage} {p.Step} {p.Percent}%");
        if (p.ChunksTotal > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", chunks {p.ChunksDone}/{p.ChunksTotal}");
        }

        if (p.Model is not null)
        {
            text += ", " + p.Model;
        }

        return text;
    }

    public async Task FinishAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (InstanceId is null)
        {
            return;
        }

        var instance = await client.GetInstanceAsync(InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            Error = "The instance disappeared (was it purged?).";
            return;
        }

        Status = instance.RuntimeStatus;
        if (Status == OrchestrationRuntimeStatus.Completed && instance.ReadOutputAs<DocumentPipelineOutput>() is { } output)
        {
            Models = output.Models;
            ResultPath = output.ResultPath;
        }
        else if (instance.FailureDetails is { } failure)
        {
            Error = failure.ErrorMessage;
        }
        else if (Status != OrchestrationRuntimeStatus.Completed)
        {
            Error = instance.SerializedOutput;
        }
    }

    public object ToJson() => new
    {
        instanceId = InstanceId,
        source = Path,
        runtimeStatus = StatusText == "Rejected" ? "Failed" : StatusText,
        models = Models,
        resultPath = ResultPath,
        error = Error,
    };
}
