using System.Text;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>One generated request: who sends it and exactly what, so that a failure can be read and replayed.</summary>
public sealed record FuzzRequest(string RouteKey, string Method, string Url, string? Role, string? ContentType, byte[]? Body)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body);
        if (body.Length > 600)
        {
            body = $"{body[..600]}... ({Body!.Length} bytes)";
        }

        var url = Url.Length > 300 ? $"{Url[..300]}... ({Url.Length} characters)" : Url;
        return $"{Method} {url} as {Role ?? "anonymous"}, Content-Type {ContentType ?? "(none)"}: {body}";
    }
}
