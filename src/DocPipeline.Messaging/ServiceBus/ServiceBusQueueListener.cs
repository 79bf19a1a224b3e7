using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// Processes a Service Bus queue: <see cref="ServiceBusListenerOptions.MaxConcurrentCalls"/> receive loops each
/// peek-lock a message, run the handler while renewing the lock, then complete the message when the handler
/// returned or abandon it when the handler threw (the broker dead-letters it after its maximum delivery count).
/// Lost locks, broker errors and handler failures are logged; none of them stops the listener.
/// </summary>
public sealed partial class ServiceBusQueueListener
{
    private readonly ServiceBusRestClient _client;
    private readonly Func<ServiceBusReceivedMessage, CancellationToken, Task> _handler;
    private readonly ServiceBusListenerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private int _inFlight;
    private int _running;

    /// <summary>Creates a listener; nothing is received until <see cref="RunAsync"/> is called.</summary>
    /// <param name="client">The client of the queue to process.</param>
    /// <param name="handler">
    /// Handles one message. Returning completes the message; throwing abandons it. The token is signalled only
    /// when the listener stops and <see cref="ServiceBusListenerOptions.ShutdownTimeout"/> has run out.
    /// </param>
    /// <param name="options">Settings; the defaults when unset.</param>
    /// <param name="logger">The logger; none when unset.</param>
    /// <param name="timeProvider">The clock for back-off, lock renewal and shutdown; the system clock when unset.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ServiceBusQueueListener(
        ServiceBusRestClient client,
        Func<ServiceBusReceivedMessage, CancellationToken, Task> handler,
        ServiceBusListenerOptions? options = null,
        ILogger<ServiceBusQueueListener>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new ServiceBusListenerOptions();
        options.Validate();
        _client = client;
        _handler = handler;
        _options = options;
        _logger = logger ?? NullLogger<ServiceBusQueueListener>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many messages are being handled right now.</summary>
    public int InFlightCount => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Receives and handles messages until <paramref name="stoppingToken"/> is signalled, then stops receiving,
    /// lets in-flight handlers finish within <see cref="ServiceBusListenerOptions.ShutdownTimeout"/>, abandons the
    /// messages of handlers that did not, and returns.
    /// </summary>
    /// <param name="stoppingToken">Signals the listener to stop.</param>
    /// <returns>A task that completes when the listener has stopped; it does not fault.</returns>
    /// <exception cref="InvalidOperationException">The listener is already running.</exception>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The listener is already running.");
        }

        try
        {
            using var handlerCancellation = new CancellationTokenSource();
            _logger.ListenerStarted(_client.QueueName, _options.MaxConcurrentCalls);
            var loops = new Task[_options.MaxConcurrentCalls];
            for (var i = 0; i < loops.Length; i++)
            {
                loops[i] = Task.Run(() => ReceiveLoopAsync(stoppingToken, handlerCancellation.Token), CancellationToken.None);
            }

            var all = Task.WhenAll(loops);
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (stoppingToken.Register(() => stopped.TrySetResult()))
            {
                await Task.WhenAny(all, stopped.Task);
            }

            _logger.ListenerStopping(_client.QueueName, _options.ShutdownTimeout, InFlightCount);
            using var graceCancellation = new CancellationTokenSource();
            var grace = Task.Delay(_options.ShutdownTimeout, _timeProvider, graceCancellation.Token);
            if (await Task.WhenAny(all, grace) != all)
            {
                await handlerCancellation.CancelAsync();
            }

            await graceCancellation.CancelAsync();
            await all;
            _logger.ListenerStopped(_client.QueueName);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken stoppingToken, CancellationToken handlerToken)
    {
        var failures = 0;
        var earlyEmpties = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ServiceBusReceivedMessage? message;
            var started = _timeProvider.GetTimestamp();
            var receiveSentAt = _timeProvider.GetUtcNow();
            try
            {
                message = await _client.ReceiveAsync(_options.ReceiveWaitTime, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = Backoff(failures);
                _logger.ReceiveFailed(ex, _client.QueueName, failures, delay);
                if (!await DelayAsync(delay, stoppingToken))
                {
                    return;
                }

                continue;
            }

            failures = 0;
            if (message is null)
            {
                // A long poll that comes back early means nothing is holding the call open; without a pause the
                // loop would hammer the broker.
                var halfWait = TimeSpan.FromTicks(Math.Max(_options.ReceiveWaitTime.Ticks, TimeSpan.TicksPerSecond) / 2);
                earlyEmpties = _timeProvider.GetElapsedTime(started) < halfWait ? earlyEmpties + 1 : 0;
                if (earlyEmpties > 0 && !await DelayAsync(Backoff(earlyEmpties), stoppingToken))
                {
                    return;
                }

                continue;
            }

            earlyEmpties = 0;
            await ProcessAsync(message, receiveSentAt, handlerToken);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 20);
        var ticks = Math.Min(_options.InitialRetryDelay.Ticks * (double)(1L << exponent), _options.MaxRetryDelay.Ticks);

        // Jitter keeps many workers that failed together from retrying together.
        var jittered = ticks * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromTicks((long)Math.Min(jittered, _options.MaxRetryDelay.Ticks));
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
