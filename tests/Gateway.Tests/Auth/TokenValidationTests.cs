using System.Net.Http.Headers;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Auth;

/// <summary>A token the gateway did not issue for itself, or no longer valid, is no token: 401.</summary>
public sealed class TokenValidationTests(GatewayFixture fixture)
{
    public static TheoryData<string> BrokenTokens => ["expired", "wrong audience", "wrong issuer", "wrong signature"];

    [Theory]
    [MemberData(nameof(BrokenTokens))]
    public async Task ABrokenTokenIs401(string broken)
    {
        var now = fixture.Gateway.Time.GetUtcNow();
        var token = broken switch
        {
            "expired" => TestTokens.Sign("operator", "ops-1", now.AddHours(-2), lifetime: TimeSpan.FromHours(1)),
            "wrong audience" => TestTokens.Sign("operator", "ops-1", now, audience: "another-api"),
            "wrong issuer" => TestTokens.Sign("operator", "ops-1", now, issuer: "someone-else"),
            _ => TestTokens.Sign("operator", "ops-1", now, signingKey: "not-the-gateways-key-0123456789abcdef"),
        };
        using var client = fixture.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var valid = fixture.Gateway.CreateClient();
        valid.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Sign("operator", "ops-1", now));

        using var response = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);
        using var control = await valid.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(401);
        Assert.Equal(System.Net.HttpStatusCode.OK, control.StatusCode);   // the same token, unbroken, is accepted
    }
}
