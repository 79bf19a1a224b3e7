using DurableTask.Core;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>An extended session: the instance stays locked and its runtime state in memory between steps.</summary>
internal sealed class SqliteOrchestrationSession(SqliteOrchestrationService service, SqliteOrchestrationWorkItem workItem) : IOrchestrationSession
{
    public Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem1) =>
        service.FetchSessionMessagesAsync(workItem);

    public Task EndSessionAsync() => Task.CompletedTask;
}
