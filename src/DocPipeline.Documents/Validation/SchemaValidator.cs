using System.Globalization;
using DocPipeline.Documents.Analysis;
using NJsonSchema;
using NJsonSchema.Validation;

namespace DocPipeline.Documents.Validation;

/// <summary>Runs NJsonSchema against <see cref="AnalysisSchema.JsonSchema"/> and turns its errors into findings.</summary>
internal static class SchemaValidator
{
    // The schema has no external references, so loading resolves nothing over I/O; Task.Run keeps the one-time
    // blocking wait free of any caller's synchronisation context.
    private static readonly Lazy<JsonSchema> Schema = new(
        () => Task.Run(() => JsonSchema.FromJsonAsync(AnalysisSchema.JsonSchema)).GetAwaiter().GetResult(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static void Validate(string json, List<ValidationFinding> sink)
    {
        foreach (var error in Schema.Value.Validate(json))
        {
            Add(error, sink);
        }
    }

    private static void Add(ValidationError error, List<ValidationFinding> sink)
    {
        if (error is ChildSchemaValidationError child)
        {
            foreach (var nested in child.Errors.SelectMany(e => e.Value))
            {
                Add(nested, sink);
            }
        }

        // An invalid array item is reported by its own nested findings; the wrapper adds nothing.
        if (error.Kind != ValidationErrorKind.ArrayItemNotValid)
        {
            sink.Add(new ValidationFinding(ValidationFindingKind.Schema, ToJsonPath(error.Path), Describe(error)));
        }
    }

    private static string ToJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path is "#" or "#/")
        {
            return "$";
        }

        return path.StartsWith("#/", StringComparison.Ordinal) ? "$." + path[2..] : path.Replace("#", "$", StringComparison.Ordinal);
    }

    private static string Describe(ValidationError error)
    {
        var schema = error.Schema;
        var property = error.Property;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"Required property \"{property}\" is missing.",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"Property \"{property}\" is not part of the schema.",
            ValidationErrorKind.StringTooLong => Invariant($"Text is longer than {schema?.MaxLength} characters."),
            ValidationErrorKind.StringTooShort => Invariant($"Text is shorter than {schema?.MinLength} characters."),
            ValidationErrorKind.TooManyItems => Invariant($"Array has more than {schema?.MaxItems} items."),
            ValidationErrorKind.TooFewItems => Invariant($"Array has fewer than {schema?.MinItems} items."),
            ValidationErrorKind.NotInEnumeration => $"Value {Preview(error.Token?.ToString())} is not one of: {string.Join(", ", schema?.Enumeration ?? [])}.",
            ValidationErrorKind.PatternMismatch => $"Value {Preview(error.Token?.ToString())} does not match the pattern {schema?.Pattern}.",
            ValidationErrorKind.StringExpected => "A string is expected.",
            ValidationErrorKind.NumberExpected => "A number is expected.",
            ValidationErrorKind.ArrayExpected => "An array is expected.",
            ValidationErrorKind.ObjectExpected => "An object is expected.",
            ValidationErrorKind.NullExpected => "Null is expected.",
            _ => $"Schema violation: {error.Kind}.",
        };
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Preview(string? value) =>
        value is null ? "null" : value.Length <= 60 ? $"\"{value}\"" : $"\"{value[..60]}…\"";
}
