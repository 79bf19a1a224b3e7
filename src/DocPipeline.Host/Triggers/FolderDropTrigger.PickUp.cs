namespace DocPipeline.Host.Triggers;

internal sealed partial class FolderDropTrigger
{
    private FileSystemWatcher? Watch(DropFolder folder)
    {
        try
        {
            folder.EnsureCreated();
            var watcher = new FileSystemWatcher(folder.Incoming)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
            };
            watcher.Created += (_, _) => _folderChanged.Set();
            watcher.Changed += (_, _) => _folderChanged.Set();
            watcher.Renamed += (_, _) => _folderChanged.Set();
            watcher.Error += (_, e) => logger.WatcherFailed(e.GetException(), folder.Incoming);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            // Out of inotify instances, or a file system without change notifications: the timed scans still run.
            logger.WatcherUnavailable(ex, folder.Incoming);
            return null;
        }
    }

    private void PickUpNewFiles(DropFolder folder)
    {
        var settings = options.Value;
        var limit = pipeline.Value.MaxDocumentBytes;
        var now = time.GetUtcNow();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder.Incoming))
        {
            var name = Path.GetFileName(path);
            if (DropFolder.IsIgnored(name))
            {
                continue;
            }

            present.Add(path);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue;
            }

            var look = new FileLook(info.Length, info.LastWriteTimeUtc, now);
            if (!_looks.TryGetValue(path, out var previous) || previous.Length != look.Length || previous.LastWriteUtc != look.LastWriteUtc)
            {
                _looks[path] = look;
                continue;
            }

            if (now - previous.Since < settings.SettleTime || !DropFolder.CanOpenExclusively(path))
            {
                continue;
            }

            _looks.Remove(path);
            var target = DropFolder.FreePath(folder.Processing, name);
            try
            {
                if (look.Length > limit)
                {
                    MoveToFailed(folder, path, name, UnprocessableInputException.TooLarge($"The file '{name}'", look.Length, limit).Message, instanceId: null);
                    continue;
                }

                File.Move(path, target);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another process took it first, or it was removed; either way it is not ours.
                logger.FileMoveFailed(ex, name, look.Length > limit ? folder.Failed : folder.Processing);
                continue;
            }

            _inFlight[target] = new InFlightFile(name, Fresh: true);
            logger.FilePickedUp(name, target);
        }

        foreach (var gone in _looks.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _looks.Remove(gone);
        }
    }

    private sealed record FileLook(long Length, DateTime LastWriteUtc, DateTimeOffset Since);
}
