namespace DocPipeline.Host.Triggers;

/// <summary>
/// The drop folder and its sub-folders: documents wait in the folder itself, run from <c>.processing/</c>, and end
/// in <c>processed/</c> or <c>failed/</c> (next to a <c>&lt;name&gt;.error.txt</c> with the reason).
/// </summary>
internal sealed record DropFolder(string Incoming)
{
    public const string ErrorSuffix = ".error.txt";

    private static readonly string[] PartialSuffixes = [".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".filepart", "~"];

    public string Processing => Path.Combine(Incoming, ".processing");

    public string Processed => Path.Combine(Incoming, "processed");

    public string Failed => Path.Combine(Incoming, "failed");

    public static DropFolder Under(string appRoot, string folder) => new(Path.GetFullPath(Path.Combine(appRoot, folder)));

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Incoming);
        Directory.CreateDirectory(Processing);
        Directory.CreateDirectory(Processed);
        Directory.CreateDirectory(Failed);
    }

    /// <summary>
    /// Hidden files and the usual names of downloads and editor saves in progress are not documents (yet): whoever
    /// writes them renames them when done, which the folder then sees as a new file.
    /// </summary>
    public static bool IsIgnored(string fileName) =>
        fileName.StartsWith('.') || PartialSuffixes.Any(s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>A path in <paramref name="folder"/> for <paramref name="fileName"/> that no file uses: <c>name (2).ext</c> and so on.</summary>
    public static string FreePath(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        for (var n = 2; File.Exists(path) || Directory.Exists(path); n++)
        {
            path = Path.Combine(folder, $"{stem} ({n}){extension}");
        }

        return path;
    }

    /// <summary>Whether nobody else has the file open for writing (as far as the platform's sharing locks tell).</summary>
    public static bool CanOpenExclusively(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
