namespace DocPipeline.Messaging.ServiceBus;

public sealed partial class ServiceBusQueueListener
{
    private static readonly TimeSpan AssumedLockDuration = TimeSpan.FromSeconds(30);

    private async Task ProcessAsync(ServiceBusReceivedMessage message, DateTimeOffset receiveSentAt, CancellationToken handlerToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            _logger.MessageReceived(_client.QueueName, message.MessageId, message.SequenceNumber, message.DeliveryCount);
            using var renewal = new CancellationTokenSource();
            var renewTask = _options.MaxAutoLockRenewalDuration == TimeSpan.Zero
                ? Task.CompletedTask
                : RenewLockLoopAsync(message, receiveSentAt, renewal.Token);

            // Task.Run keeps a handler that blocks synchronously from stalling this loop and the renewals.
            var handlerTask = Task.Run(() => _handler(message, handlerToken), CancellationToken.None);
            try
            {
                await handlerTask.WaitAsync(handlerToken);
            }
            catch (Exception)
            {
                // The outcome is read from handlerTask below; a cancelled wait just means shutdown ran out of time.
            }

            await renewal.CancelAsync();
            await renewTask;

            if (handlerTask.IsCompletedSuccessfully)
            {
                if (_options.AutoCompleteMessages)
                {
                    await SettleAsync(message, complete: true);
                }
            }
            else if (handlerTask.IsCompleted)
            {
                var failure = handlerTask.Exception?.InnerException ?? new OperationCanceledException("The handler was cancelled.");
                _logger.HandlerFailed(failure, _client.QueueName, message.MessageId, message.SequenceNumber, message.DeliveryCount);
                await SettleAsync(message, complete: false);
            }
            else
            {
                // The handler outlived the shutdown timeout: give the message back now and let the handler wind down
                // on its cancelled token; whatever it ends with is observed so it never surfaces as unobserved.
                _ = handlerTask.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                _logger.HandlerAbandonedOnShutdown(_client.QueueName, message.MessageId, message.SequenceNumber);
                await SettleAsync(message, complete: false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task SettleAsync(ServiceBusReceivedMessage message, bool complete)
    {
        var operation = complete ? "complete" : "abandon";
        try
        {
            // Settling must go through even while stopping; the client's request timeout bounds the call.
            if (complete)
            {
                await _client.CompleteAsync(message, CancellationToken.None);
                _logger.MessageCompleted(_client.QueueName, message.MessageId, message.SequenceNumber);
            }
            else
            {
                await _client.AbandonAsync(message, CancellationToken.None);
                _logger.MessageAbandoned(_client.QueueName, message.MessageId, message.SequenceNumber);
            }
        }
        catch (ServiceBusLockLostException)
        {
            _logger.LockLost(_client.QueueName, message.MessageId, message.SequenceNumber, operation);
        }
        catch (Exception ex)
        {
            _logger.SettleFailed(ex, _client.QueueName, message.MessageId, message.SequenceNumber, operation);
        }
    }

    private async Task RenewLockLoopAsync(ServiceBusReceivedMessage message, DateTimeOffset receiveSentAt, CancellationToken cancellationToken)
    {
        var duration = LockDurationOf(message);

        // The receive was sent before the broker took the lock, so this estimate errs on the early side.
        var lockExpires = receiveSentAt + duration;
        var limit = _options.MaxAutoLockRenewalDuration == Timeout.InfiniteTimeSpan
            ? DateTimeOffset.MaxValue
            : receiveSentAt + _options.MaxAutoLockRenewalDuration;
        var margin = duration > TimeSpan.FromSeconds(20) ? TimeSpan.FromSeconds(10) : duration / 2;
        var retryNow = false;

        while (true)
        {
            var now = _timeProvider.GetUtcNow();
            if (lockExpires >= limit)
            {
                if (limit > now && await DelayAsync(limit - now, cancellationToken))
                {
                    _logger.LockRenewalLimitReached(_client.QueueName, message.MessageId, message.SequenceNumber, _options.MaxAutoLockRenewalDuration);
                }

                return;
            }

            var delay = retryNow ? TimeSpan.Zero : lockExpires - margin - now;
            retryNow = false;
            if (!await DelayAsync(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, cancellationToken))
            {
                return;
            }

            var sent = _timeProvider.GetUtcNow();
            try
            {
                await _client.RenewLockAsync(message, cancellationToken);
                lockExpires = sent + duration;
                _logger.LockRenewed(_client.QueueName, message.MessageId, message.SequenceNumber);
            }
            catch (ServiceBusLockLostException)
            {
                _logger.LockLost(_client.QueueName, message.MessageId, message.SequenceNumber, "lock renewal");
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LockRenewalFailed(ex, _client.QueueName, message.MessageId, message.SequenceNumber);
                var left = lockExpires - _timeProvider.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    _logger.LockLost(_client.QueueName, message.MessageId, message.SequenceNumber, "lock renewal");
                    return;
                }

                var retry = left / 2 < _options.InitialRetryDelay ? left / 2 : _options.InitialRetryDelay;
                if (!await DelayAsync(retry, cancellationToken))
                {
                    return;
                }

                // The renewal that failed is still owed: try again at once rather than at the usual point.
                retryNow = true;
            }
        }
    }

    private TimeSpan LockDurationOf(ServiceBusReceivedMessage message)
    {
        if (message.LockDuration is { } reported && reported > TimeSpan.Zero)
        {
            return reported;
        }

        if (message.LockedUntil is { } until && until - _timeProvider.GetUtcNow() is var left && left > TimeSpan.Zero)
        {
            return left;
        }

        return AssumedLockDuration;
    }
}
