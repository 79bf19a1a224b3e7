using DocPipeline.Host.Security;

namespace DocPipeline.Host.Hosting;

/// <summary>What <c>serve</c> reads before it starts: addresses, API keys, the store and the data folder.</summary>
/// <param name="Urls">The addresses to listen on.</param>
/// <param name="Keys">The accepted API keys.</param>
/// <param name="Storage">The store.</param>
/// <param name="DataPath">The data folder for the embedded store and local caches.</param>
/// <param name="RunWorker">
/// Whether this process runs orchestrations and activities (<c>DocPipeline:RunWorker</c>, default true). Off, it only
/// accepts documents and answers the APIs, for front ends that leave the work to worker processes sharing the store.
/// </param>
public sealed record ServeSettings(IReadOnlyList<string> Urls, ApiKeyRing Keys, StorageSelection Storage, string DataPath, bool RunWorker = true)
{
    /// <summary>The setting that turns the worker off.</summary>
    public const string RunWorkerSetting = "DocPipeline:RunWorker";

    /// <summary>Reads and checks the settings; refuses to listen beyond loopback without an API key.</summary>
    /// <param name="configuration">The app configuration.</param>
    /// <param name="appRoot">The app root (the content root).</param>
    /// <exception cref="ServeStartupException">A setting is invalid, or the host would be reachable from the network without a key.</exception>
    public static ServeSettings Read(IConfiguration configuration, string appRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = ApiKeyRing.FromConfiguration(configuration);
        var urls = ServeUrls.Resolve(configuration);
        if (!keys.IsEnabled && urls.FirstOrDefault(u => !ServeUrls.IsLoopback(u)) is { } exposed)
        {
            throw new ServeStartupException(
                ApiKeyRing.SingleKeySetting,
                $"Refusing to listen on {exposed} without an API key: anyone who can reach that address could upload documents, read results and " +
                $"control runs. Set {ApiKeyRing.SingleKeySetting} (or {ApiKeyRing.KeyListSetting}) to a random key of at least {ApiKeyRing.MinimumKeyLength} characters, " +
                "or listen on loopback only (for example --urls http://127.0.0.1:7071).");
        }

        var storage = StorageSelection.FromConfiguration(configuration);
        var runWorker = true;
        if (configuration[RunWorkerSetting] is { Length: > 0 } text && !bool.TryParse(text, out runWorker))
        {
            throw new ServeStartupException(RunWorkerSetting, $"'{RunWorkerSetting}' must be true or false (got '{text}').");
        }

        return new ServeSettings(urls, keys, storage, AppHost.DataPath(configuration, appRoot), runWorker);
    }
}
