using Azure;
using Azure.Data.Tables;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>Entity-group transactions within the service limits (100 operations, 4 MiB, one partition).</summary>
internal static class TableBatches
{
    public const int MaxOperations = 100;
    private const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>
    /// Submits <paramref name="leading"/> (idempotent writes that may land on their own) in as many transactions as
    /// needed, then <paramref name="final"/> as one transaction. Returns false when the final transaction was refused
    /// because a condition failed (412), a row it adds exists (409) or a row it changes is gone (404).
    /// </summary>
    public static async Task<bool> SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> leading, IReadOnlyList<TableTransactionAction> final, CancellationToken cancellationToken)
    {
        if (final.Count > MaxOperations)
        {
            throw new InvalidOperationException($"One atomic step may change at most {MaxOperations} rows; this one changes {final.Count}.");
        }

        foreach (var chunk in Chunk(leading))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        if (final.Count == 0)
        {
            return true;
        }

        try
        {
            await table.SubmitTransactionAsync(final, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Adds rows; rows that already exist are left as they are (a duplicate delivery of the same row).</summary>
    public static async Task AddIgnoringExistingAsync(TableClient table, IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in Chunk(partition.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)).ToList()))
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    foreach (var action in chunk)
                    {
                        try
                        {
                            await table.AddEntityAsync(action.Entity, cancellationToken).ConfigureAwait(false);
                        }
                        catch (RequestFailedException single) when (single.Status == 409)
                        {
                        }
                    }
                }
            }
        }
    }

    /// <summary>Deletes rows; rows already gone are skipped.</summary>
    public static async Task DeleteIgnoringMissingAsync(TableClient table, IEnumerable<(string PartitionKey, string RowKey)> keys, CancellationToken cancellationToken)
    {
        foreach (var partition in keys.GroupBy(k => k.PartitionKey, StringComparer.Ordinal))
        {
            var actions = partition
                .Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.PartitionKey, k.RowKey), ETag.All))
                .ToList();
            foreach (var chunk in Chunk(actions))
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    foreach (var action in chunk)
                    {
                        await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    /// <summary>Reads the keys of every row of a partition in a row-key range.</summary>
    public static async Task<List<(string PartitionKey, string RowKey)>> ListKeysAsync(TableClient table, string partitionKey, string? rowKeyFrom, string? rowKeyTo, CancellationToken cancellationToken)
    {
        var filter = rowKeyFrom is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyFrom} and RowKey lt {rowKeyTo}");
        var keys = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add((row.PartitionKey, row.RowKey));
        }

        return keys;
    }

    private static IEnumerable<List<TableTransactionAction>> Chunk(IReadOnlyList<TableTransactionAction> actions)
    {
        var chunk = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var action in actions)
        {
            var size = PayloadStore.EstimateSize(action.Entity);
            if (chunk.Count > 0 && (chunk.Count == MaxOperations || bytes + size > MaxBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(action);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
