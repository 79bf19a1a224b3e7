using Microsoft.Extensions.Options;

namespace DocPipeline.Inference.RateLimiting;

/// <summary>Validates <see cref="ModelRateLimitOptions"/>; messages name the configuration key at fault.</summary>
public sealed class ModelRateLimitOptionsValidator : IValidateOptions<ModelRateLimitOptions>
{
    private const string Prefix = ModelRateLimitOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ModelRateLimitOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Check(ModelRateLimitOptions options)
    {
        var errors = new List<string>();
        foreach (var (model, limit) in options.RateLimits)
        {
            CheckLimit(errors, $"{Prefix}RateLimits:{model}", limit);
        }

        if (options.DefaultRateLimit is not null)
        {
            CheckLimit(errors, $"{Prefix}DefaultRateLimit", options.DefaultRateLimit);
        }

        if (options.RateLimitedPause < TimeSpan.Zero)
        {
            errors.Add($"{Prefix}RateLimitedPause must not be negative.");
        }

        return errors;
    }

    private static void CheckLimit(List<string> errors, string key, ModelRateLimit? limit)
    {
        if (limit?.RequestsPerMinute is <= 0)
        {
            errors.Add($"{key}:RequestsPerMinute must be greater than zero (omit it for no limit).");
        }

        if (limit?.TokensPerMinute is <= 0)
        {
            errors.Add($"{key}:TokensPerMinute must be greater than zero (omit it for no limit).");
        }
    }
}
