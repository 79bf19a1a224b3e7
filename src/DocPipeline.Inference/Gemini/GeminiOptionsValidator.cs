using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DocPipeline.Inference.Gemini;

/// <summary>Validates <see cref="GeminiOptions"/>; messages name the configuration key at fault.</summary>
public sealed partial class GeminiOptionsValidator : IValidateOptions<GeminiOptions>
{
    private const string Prefix = GeminiOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GeminiOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static IReadOnlyList<string> Check(GeminiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Backend))
        {
            errors.Add($"{Prefix}Backend must be Auto, Vertex or DeveloperApi.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}RequestTimeout must be greater than zero and at most one hour (was {options.RequestTimeout}).");
        }

        if (string.IsNullOrWhiteSpace(options.Location) || !LocationPattern().IsMatch(options.Location))
        {
            errors.Add($"{Prefix}Location must be a region such as 'us-central1' or 'global' (was '{options.Location}').");
        }

        if (!string.IsNullOrWhiteSpace(options.ProjectId) && !ProjectPattern().IsMatch(options.ProjectId))
        {
            errors.Add($"{Prefix}ProjectId '{options.ProjectId}' is not a valid Google Cloud project id.");
        }

        if (options.BaseUrl is { } baseUrl
            && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{Prefix}BaseUrl must be an absolute http or https URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.CredentialsFile) && !File.Exists(options.CredentialsFile))
        {
            errors.Add($"{Prefix}CredentialsFile '{options.CredentialsFile}' does not exist.");
        }

        if (!string.IsNullOrWhiteSpace(options.CredentialsJson))
        {
            if (!string.IsNullOrWhiteSpace(options.CredentialsFile))
            {
                errors.Add($"{Prefix}CredentialsJson and {Prefix}CredentialsFile are both set; keep one of them.");
            }
            else if (!IsServiceAccountKey(options.CredentialsJson))
            {
                // The value is a secret: say what is wrong without quoting it.
                errors.Add($"{Prefix}CredentialsJson is not a service-account JSON key (a JSON object with \"type\": \"service_account\").");
            }
        }

        var hasKey = !string.IsNullOrWhiteSpace(options.ApiKey);
        var hasProject = !string.IsNullOrWhiteSpace(options.ProjectId);
        switch (options.Backend)
        {
            case GeminiBackend.Auto when hasKey && hasProject:
                errors.Add($"{Prefix}Backend must be set to Vertex or DeveloperApi when both ApiKey and ProjectId are set.");
                break;
            case GeminiBackend.Auto when !hasKey && !hasProject && !string.IsNullOrWhiteSpace(options.CredentialsFile):
                errors.Add($"{Prefix}ProjectId is required when CredentialsFile is set.");
                break;
            case GeminiBackend.Auto when !hasKey && !hasProject && !string.IsNullOrWhiteSpace(options.CredentialsJson):
                errors.Add($"{Prefix}ProjectId is required when CredentialsJson is set.");
                break;
            case GeminiBackend.Vertex when !hasProject:
                errors.Add($"{Prefix}ProjectId is required for the Vertex backend.");
                break;
            case GeminiBackend.DeveloperApi when !hasKey:
                errors.Add($"{Prefix}ApiKey is required for the DeveloperApi backend.");
                break;
        }

        return errors;
    }

    private static bool IsServiceAccountKey(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString() == "service_account";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex LocationPattern();

    // Domain-scoped projects look like "example.com:my-project".
    [GeneratedRegex("^[a-z0-9.:-]{1,100}$")]
    private static partial Regex ProjectPattern();
}
