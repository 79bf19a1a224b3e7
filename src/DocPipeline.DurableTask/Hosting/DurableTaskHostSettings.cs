namespace DocPipeline.DurableTask.Hosting;

/// <summary>What the builder decided that the hosted service needs.</summary>
internal sealed record DurableTaskHostSettings(bool RunWorker);
