using Microsoft.Data.Sqlite;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>A connection that keeps one prepared command per SQL text: re-preparing dominates small statements.</summary>
internal sealed class PreparedConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters bound from <paramref name="parameters"/> (@p0, @p1, …).</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<object?> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter(ParameterName(i), null));
            }

            _commands[sql] = command;
        }

        command.Transaction = Transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i] ?? DBNull.Value;
        }

        return command;
    }

    public int Execute(string sql, params ReadOnlySpan<object?> parameters) => Command(sql, parameters).ExecuteNonQuery();

    public object? Scalar(string sql, params ReadOnlySpan<object?> parameters)
    {
        var value = Command(sql, parameters).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public SqliteDataReader Query(string sql, params ReadOnlySpan<object?> parameters) => Command(sql, parameters).ExecuteReader();

    /// <summary>The rowid of the last row this connection inserted.</summary>
    public long LastInsertRowId() => SQLitePCL.raw.sqlite3_last_insert_rowid(Connection.Handle);

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }

    private static string ParameterName(int index) => index switch
    {
        0 => "@p0", 1 => "@p1", 2 => "@p2", 3 => "@p3", 4 => "@p4", 5 => "@p5", 6 => "@p6", 7 => "@p7",
        _ => "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
