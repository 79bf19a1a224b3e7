using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DocPipeline.Host.Apis;

/// <summary>
/// One upload: the document (raw body, or the one file of a multipart/form-data body) and its options from the query
/// string (<c>name</c>, <c>callbackUrl</c>, <c>reprocess</c>) or, for forms, from form fields of the same names.
/// </summary>
internal sealed class UploadRequest : IDisposable
{
    // Room for the multipart boundaries and part headers around the file.
    private const long MultipartOverhead = 64 * 1024;
    private const int MaxFieldLength = 4096;

    private UploadRequest(UploadBuffer content, string name, Uri? callbackUrl, bool reprocess)
    {
        Content = content;
        Name = name;
        CallbackUrl = callbackUrl;
        Reprocess = reprocess;
    }

    public UploadBuffer Content { get; }

    public string Name { get; }

    public Uri? CallbackUrl { get; }

    public bool Reprocess { get; }

    /// <summary>Reads and checks the request.</summary>
    /// <exception cref="UploadProblem">The request is malformed, too large or empty.</exception>
    public static async Task<UploadRequest> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = request.Query["name"].ToString(),
            ["callbackUrl"] = request.Query["callbackUrl"].ToString(),
            ["reprocess"] = request.Query["reprocess"].ToString(),
        };

        // Parse the options first: a bad option should not cost reading a large body.
        var multipart = IsMultipart(request, out var boundary);
        if (!multipart)
        {
            Check(fields);
        }

        var allowed = multipart ? limit + MultipartOverhead : limit;
        if (request.ContentLength > allowed)
        {
            throw UploadProblem.TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = allowed + 1;
        }

        UploadBuffer? content = null;
        string? fileName = null;
        try
        {
            if (multipart)
            {
                (content, fileName) = await ReadMultipartAsync(request, boundary!, limit, fields, cancellationToken);
            }
            else
            {
                content = await UploadBuffer.ReadAsync(request.Body, request.ContentLength, limit, cancellationToken);
            }

            var (callback, reprocess) = Check(fields);
            if (content.Length == 0)
            {
                throw UploadProblem.BadRequest("The request has no document: send the file as the request body, or as the one file of a multipart/form-data form.");
            }

            var name = UploadFileNames.Sanitize(string.IsNullOrEmpty(fields["name"]) ? fileName : fields["name"]);
            return new UploadRequest(content, name, callback, reprocess);
        }
        catch
        {
            content?.Dispose();
            throw;
        }
    }

    public void Dispose() => Content.Dispose();

    private static bool IsMultipart(HttpRequest request, out string? boundary)
    {
        boundary = null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200
            ? throw UploadProblem.BadRequest("The multipart/form-data request has no valid boundary.")
            : true;
    }

    private static async Task<(UploadBuffer Content, string? FileName)> ReadMultipartAsync(
        HttpRequest request, string boundary, long limit, Dictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        UploadBuffer? content = null;
        string? fileName = null;
        try
        {
            while (await NextSectionAsync(reader, cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw UploadProblem.BadRequest("Every part of the form needs a 'Content-Disposition: form-data' header.");
                }

                var fieldName = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition() || fieldName.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    if (content is not null)
                    {
                        throw UploadProblem.BadRequest("Send one file per request.");
                    }

                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star ? star : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    content = await UploadBuffer.ReadAsync(section.Body, null, limit, cancellationToken);
                }
                else if (fields.ContainsKey(fieldName))
                {
                    using var value = await UploadBuffer.ReadAsync(section.Body, null, MaxFieldLength, cancellationToken);
                    if (string.IsNullOrEmpty(fields[fieldName]))
                    {
                        fields[fieldName] = System.Text.Encoding.UTF8.GetString(value.Memory.Span);
                    }
                }
                else
                {
                    // An unknown field is skipped, but read through: the file may follow it.
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                }
            }

            return content is null
                ? throw UploadProblem.BadRequest("The form has no file: add the document as a file field (for example curl -F file=@report.pdf).")
                : (content, fileName);
        }
        catch
        {
            content?.Dispose();
            throw;
        }
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw UploadProblem.BadRequest("The multipart/form-data body is malformed: " + ex.Message);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw UploadProblem.BadRequest("The multipart/form-data body ended early: " + ex.Message);
        }
    }

    private static (Uri? CallbackUrl, bool Reprocess) Check(Dictionary<string, string?> fields)
    {
        Uri? callback = null;
        if (fields["callbackUrl"] is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out callback) || (callback.Scheme != Uri.UriSchemeHttp && callback.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(callback.UserInfo))
            {
                throw UploadProblem.BadRequest("callbackUrl must be an absolute http:// or https:// URL without user information.");
            }
        }

        var reprocess = false;
        if (fields["reprocess"] is { Length: > 0 } flag && !bool.TryParse(flag, out reprocess))
        {
            throw UploadProblem.BadRequest("reprocess must be true or false.");
        }

        return (callback, reprocess);
    }
}
