using System.Net.Http.Headers;

namespace Platform.TestSupport.Auth;

/// <summary>Puts a bearer token on every request, as the gateway forwards its caller's token to the services.</summary>
public sealed class BearerTokenHandler(string? bearerToken, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
