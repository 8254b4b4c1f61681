using System.Net.Http.Headers;
using System.Security;
using System.Text;

namespace Scipion.Cli.Transfer;

/// <summary>
/// Put Block, Put Block List and Get Blob Properties as plain HTTP on a blob SAS: what any client holding an upload
/// grant can do, with no storage SDK and no account credentials.
/// </summary>
public sealed class BlockBlobRequests(HttpClient storage)
{
    private const string Version = "2023-11-03";

    /// <summary>A block has this long to go through before the attempt counts as a network failure.</summary>
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromMinutes(5);

    public async Task PutBlockAsync(Uri sas, string blockId, ReadOnlyMemory<byte> data, byte[] md5, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(sas, $"comp=block&blockid={Uri.EscapeDataString(blockId)}"))
        {
            Content = new ReadOnlyMemoryContent(data),
        };
        // Storage checks the block against this and refuses it if a bit flipped on the way.
        request.Content.Headers.ContentMD5 = md5;
        await SendAsync(request, ct);
    }

    public async Task PutBlockListAsync(Uri sas, IEnumerable<string> blockIds, string md5Base64, CancellationToken ct)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            xml.Append("<Latest>").Append(SecurityElement.Escape(id)).Append("</Latest>");
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(sas, "comp=blocklist"))
        {
            Content = new StringContent(xml.Append("</BlockList>").ToString(), Encoding.UTF8, "application/xml"),
        };
        // Recorded as the blob's Content-MD5, so anyone downloading it later can check the whole file.
        request.Headers.TryAddWithoutValidation("x-ms-blob-content-md5", md5Base64);
        request.Headers.TryAddWithoutValidation("x-ms-blob-content-type", "application/octet-stream");
        await SendAsync(request, ct);
    }

    /// <summary>Size and Content-MD5 of a committed blob, read through a read SAS.</summary>
    public async Task<(long Size, string? Md5)> GetPropertiesAsync(Uri readSas, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, readSas);
        using var response = await SendAsync(request, ct);
        var md5 = response.Content.Headers.ContentMD5 is { } bytes ? Convert.ToBase64String(bytes) : null;
        return (response.Content.Headers.ContentLength ?? -1, md5);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.TryAddWithoutValidation("x-ms-version", Version);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(BlockTimeout);
        HttpResponseMessage response;
        try
        {
            response = await storage.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new HttpRequestException($"Storage did not answer within {BlockTimeout.TotalMinutes} minutes.", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var code = response.Headers.TryGetValues("x-ms-error-code", out var values) ? values.FirstOrDefault() : null;
            throw new StorageException(response.StatusCode, code,
                $"Storage answered {(int)response.StatusCode} {response.ReasonPhrase}{(code is null ? "" : $" ({code})")} to {request.Method} {Describe(request.RequestUri!)}.");
        }
    }

    private static Uri WithQuery(Uri sas, string extra) =>
        new UriBuilder(sas) { Query = sas.Query.TrimStart('?') + "&" + extra }.Uri;

    /// <summary>A request named without its signature: messages end up in logs.</summary>
    private static string Describe(Uri uri) => uri.GetLeftPart(UriPartial.Path);
}
