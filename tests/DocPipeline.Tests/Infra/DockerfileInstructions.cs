using System.Text.RegularExpressions;

namespace DocPipeline.Tests.Infra;

/// <summary>The instructions of the repository's Dockerfile that the tests check: COPY sources, RUN, ENV and ENTRYPOINT.</summary>
public sealed partial record DockerfileInstructions(
    IReadOnlyList<string> CopySources,
    IReadOnlyList<string> Runs,
    IReadOnlyDictionary<string, string> Environment,
    string EntryPoint,
    string Command)
{
    public static string Path { get; } = System.IO.Path.Combine(TestPaths.RepositoryRoot, "Dockerfile");

    public static DockerfileInstructions Read()
    {
        var copies = new List<string>();
        var runs = new List<string>();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        string entryPoint = string.Empty, command = string.Empty;
        foreach (var instruction in Instructions(File.ReadAllLines(Path)))
        {
            var space = instruction.IndexOf(' ', StringComparison.Ordinal);
            var (keyword, rest) = (instruction[..space].ToUpperInvariant(), instruction[(space + 1)..].Trim());
            switch (keyword)
            {
                case "COPY" when !rest.StartsWith("--from", StringComparison.Ordinal):
                    var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    copies.AddRange(parts[..^1]);
                    break;
                case "RUN":
                    runs.Add(rest);
                    break;
                case "ENV":
                    foreach (Match match in EnvPair().Matches(rest))
                    {
                        environment[match.Groups["key"].Value] = match.Groups["value"].Value;
                    }

                    break;
                case "ENTRYPOINT":
                    entryPoint = rest;
                    break;
                case "CMD":
                    command = rest;
                    break;
            }
        }

        return new DockerfileInstructions(copies, runs, environment, entryPoint, command);
    }

    // Joins continuation lines and drops comments and blank lines.
    private static IEnumerable<string> Instructions(IEnumerable<string> lines)
    {
        var current = string.Empty;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            yield return current + line;
            current = string.Empty;
        }
    }

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S+)")]
    private static partial Regex EnvPair();
}
