using Microsoft.Extensions.Options;

namespace DocPipeline.Inference.Pricing;

/// <summary>Validates <see cref="ModelPricingOptions"/>; messages name the configuration key at fault.</summary>
public sealed class ModelPricingOptionsValidator : IValidateOptions<ModelPricingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ModelPricingOptions options)
    {
        var errors = Check(options.Prices);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Check(IEnumerable<KeyValuePair<string, ModelPrice>> prices)
    {
        var errors = new List<string>();
        foreach (var (model, price) in prices)
        {
            var key = $"{ModelPricingOptions.SectionName}:Prices:{model}";
            if (string.IsNullOrWhiteSpace(model))
            {
                errors.Add($"{ModelPricingOptions.SectionName}:Prices has an entry with an empty model id.");
                continue;
            }

            if (price is null)
            {
                errors.Add($"{key} has no values.");
                continue;
            }

            NotNegative(errors, key, nameof(ModelPrice.InputPerMillion), price.InputPerMillion);
            NotNegative(errors, key, nameof(ModelPrice.OutputPerMillion), price.OutputPerMillion);
            NotNegative(errors, key, nameof(ModelPrice.LongContextInputPerMillion), price.LongContextInputPerMillion);
            NotNegative(errors, key, nameof(ModelPrice.LongContextOutputPerMillion), price.LongContextOutputPerMillion);
            if (price.LongContextThreshold <= 0)
            {
                errors.Add($"{key}:{nameof(ModelPrice.LongContextThreshold)} must be greater than zero.");
            }
        }

        return errors;
    }

    private static void NotNegative(List<string> errors, string key, string property, decimal? value)
    {
        if (value < 0)
        {
            errors.Add($"{key}:{property} must not be negative (was {value}).");
        }
    }
}
