using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Hosting;

/// <summary>
/// Turns the exceptions bad settings cause at start-up into one message per setting, naming it, so the CLI can
/// print them instead of a stack trace.
/// </summary>
public static partial class ServeStartupErrors
{
    private static readonly Dictionary<string, string> Sections = new(StringComparer.Ordinal)
    {
        ["PipelineOptions"] = "Pipeline",
        ["DurableTaskHostOptions"] = "extensions:durableTask",
        ["GeminiOptions"] = "Pipeline:Gemini",
        ["ModelPricingOptions"] = "Pipeline:Models",
        ["ModelRateLimitOptions"] = "Pipeline:Models",
        ["ServiceBusExtensionOptions"] = "extensions:serviceBus",
        ["BlobDropOptions"] = "Pipeline:BlobDrop",
        ["IngestQueueOptions"] = "Pipeline:IngestQueue",
    };

    /// <summary>
    /// Describes <paramref name="exception"/> when bad settings caused it: a setting rejected by <c>serve</c>, an
    /// option that fails validation, a value that cannot be converted, an unreadable host.json or
    /// local.settings.json, or an address already in use.
    /// </summary>
    /// <param name="exception">What start-up threw.</param>
    /// <param name="message">The text to print.</param>
    /// <returns>False for anything else (a bug, which should keep its stack trace).</returns>
    public static bool TryDescribe(Exception exception, out string message)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var lines = new List<string>();
        Collect(exception, lines);
        message = string.Join(Environment.NewLine, lines.Distinct(StringComparer.Ordinal));
        return lines.Count > 0;
    }

    private static void Collect(Exception exception, List<string> lines)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, lines);
                }

                break;
            case TargetInvocationException { InnerException: { } inner }:
                Collect(inner, lines);
                break;
            case ServeStartupException startup:
                lines.Add(startup.Message);
                break;
            case OptionsValidationException validation:
                lines.AddRange(validation.Failures.Select(f => Describe(validation.OptionsType, f)));
                break;
            case InvalidOperationException when ConversionFailure().Match(exception.Message) is { Success: true } match:
                lines.Add($"Invalid setting '{match.Groups["key"].Value}': the value cannot be read as {Friendly(match.Groups["type"].Value)}.");
                break;
            case InvalidOperationException { InnerException: System.Text.Json.JsonException }:
                lines.Add(exception.Message);
                break;
            case InvalidDataException when exception.Message.StartsWith("Failed to load configuration from file", StringComparison.Ordinal):
                lines.Add(exception.Message + (exception.InnerException is { } cause ? " " + cause.Message : string.Empty));
                break;
            case IOException when exception.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal):
                lines.Add(exception.Message + " Choose another port with --port, or addresses with --urls.");
                break;
            default:
                if (exception.InnerException is { } wrapped && exception is InvalidOperationException)
                {
                    Collect(wrapped, lines);
                }

                break;
        }
    }

    private static string Describe(Type optionsType, string failure)
    {
        var section = Sections.TryGetValue(optionsType.Name, out var known) ? known : optionsType.Name;
        if (DataAnnotationFailure().Match(failure) is { Success: true } match)
        {
            return $"Invalid setting '{section}:{match.Groups["member"].Value}': {match.Groups["error"].Value}";
        }

        // Validators that already name the key (for example "Pipeline:Gemini:Location must be …") stand as they are.
        return failure.StartsWith(section, StringComparison.OrdinalIgnoreCase) ? "Invalid setting " + failure : $"Invalid setting in '{section}': {failure}";
    }

    private static string Friendly(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t is not null);
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is { IsEnum: true })
        {
            return "one of " + string.Join(", ", Enum.GetNames(type));
        }

        return (type?.FullName ?? typeName) switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration such as 00:00:30",
            "System.Uri" => "an absolute URI",
            var other => other,
        };
    }

    [GeneratedRegex(@"^Failed to convert configuration value(?: '[^']*')? at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']+' members: '(?<member>[^']+)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
