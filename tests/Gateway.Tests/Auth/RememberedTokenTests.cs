using System.Net;
using System.Net.Http.Headers;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Auth;

/// <summary>
/// A token validated once is remembered (ValidatedTokenCache), so the next request with it skips the signature check;
/// what is remembered must never accept a token the handler would refuse (expiry: ServiceDefaults.Tests' ValidatedTokenCacheTests).
/// </summary>
public sealed class RememberedTokenTests(GatewayFixture fixture)
{
    private const string Route = "/v1/onboarding/clients/c-1/progress";

    [Fact]
    public async Task ATokenDifferingInOneCharacterFromARememberedOneIs401()
    {
        var token = TestTokens.Sign("operator", "ops-remembered", fixture.Gateway.Time.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fixture.Gateway, token));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fixture.Gateway, token));   // now from memory

        // Another signature (one character changed, not the last, whose low bits are padding) is another token: validated in full, and refused.
        var tampered = token[..^5] + (token[^5] == 'A' ? 'B' : 'A') + token[^4..];
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(fixture.Gateway, tampered));
    }

    private static async Task<HttpStatusCode> StatusAsync(GatewayFactory gateway, string token)
    {
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(Route, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
