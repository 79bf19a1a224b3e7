using DocPipeline.Inference.Gemini;
using DocPipeline.Inference.Pricing;
using DocPipeline.Inference.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocPipeline.Inference;

/// <summary>Registers the Gemini client and its collaborators.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>The largest response body accepted from the service.</summary>
    private const long MaxResponseBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Registers <see cref="GeminiClient"/> as a typed HTTP client, with <see cref="GeminiOptions"/> bound from
    /// <c>Pipeline:Gemini</c>, <see cref="ModelPricingOptions"/> and <see cref="ModelRateLimitOptions"/> from
    /// <c>Pipeline:Models</c>, a singleton <see cref="ModelPriceTable"/>, <see cref="ModelRateLimiter"/> and
    /// <see cref="IAccessTokenSource"/>. Options are validated at start-up. Settings that leave Gemini unconfigured
    /// are valid; check <see cref="GeminiOptions.IsConfigured"/> to decide whether to route to an offline analyzer.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration (root).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddGeminiInference(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<GeminiOptions>().Bind(configuration.GetSection(GeminiOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ModelPricingOptions>().Bind(configuration.GetSection(ModelPricingOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ModelRateLimitOptions>().Bind(configuration.GetSection(ModelRateLimitOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeminiOptions>, GeminiOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelPricingOptions>, ModelPricingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelRateLimitOptions>, ModelRateLimitOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ModelPriceTable(sp.GetRequiredService<IOptions<ModelPricingOptions>>().Value));
        services.TryAddSingleton(sp => new ModelRateLimiter(
            sp.GetRequiredService<IOptions<ModelRateLimitOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAccessTokenSource>(sp =>
        {
            var gemini = sp.GetRequiredService<IOptions<GeminiOptions>>().Value;
            return new GoogleAccessTokenSource(gemini.CredentialsFile, gemini.CredentialsJson);
        });

        services.AddHttpClient(nameof(GeminiClient), http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            .AddTypedClient((http, sp) => new GeminiClient(
                http,
                sp.GetRequiredService<IOptions<GeminiOptions>>(),
                sp.GetRequiredService<IAccessTokenSource>(),
                sp.GetRequiredService<ModelPriceTable>(),
                sp.GetRequiredService<ModelRateLimiter>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<GeminiClient>>()));
        return services;
    }
}
