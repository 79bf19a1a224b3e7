using System.Globalization;
using DocPipeline.DurableTask.Sqlite;

namespace DocPipeline.Bench;

/// <summary>The benchmark's command line.</summary>
internal sealed record BenchArguments(string Scenario, string Store, int Count, SqliteDurability Durability, bool Json)
{
    private static readonly Dictionary<string, int> Defaults = new()
    {
        ["sequential"] = 1000,
        ["fanout"] = 5000,
        ["hello-sequence"] = 1000,
    };

    public static (BenchArguments? Value, string? Error) Parse(string[] args)
    {
        if (args.Length == 0 || !Defaults.TryGetValue(args[0], out var count))
        {
            return (null, $"unknown scenario '{(args.Length == 0 ? string.Empty : args[0])}'");
        }

        var store = "sqlite";
        var durability = SqliteDurability.Normal;
        var json = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--store" when i + 1 < args.Length:
                    store = args[++i];
                    if (store != "sqlite")
                    {
                        return (null, $"unknown store '{store}' (this build benchmarks: sqlite)");
                    }

                    break;
                case "--count" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0:
                    count = n;
                    i++;
                    break;
                case "--durability" when i + 1 < args.Length && Enum.TryParse<SqliteDurability>(args[i + 1], ignoreCase: true, out var d):
                    durability = d;
                    i++;
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    return (null, $"unexpected argument '{args[i]}'");
            }
        }

        return (new BenchArguments(args[0], store, count, durability, json), null);
    }
}
