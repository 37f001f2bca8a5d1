using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.Auth;

public sealed class AuthTests(GatewayFixture fixture)
{
    private GatewayFactory Gateway => fixture.Gateway;

    private DateTimeOffset Now => Gateway.Time.GetUtcNow();

    [Fact]
    public async Task ARequestWithoutATokenIs401ProblemDetails()
    {
        using var client = Gateway.CreateClient();

        using var post = await client.PostAsync(Steps.Valid("c-1", Now));
        using var get = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        await post.ReadProblemAsync(401);
        await get.ReadProblemAsync(401);
        Assert.Contains(get.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIs401()
    {
        using var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Mint("client", "c-1", "another-key-that-is-long-enough-0123456789"));

        using var response = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(401);
    }

    [Fact]
    public async Task AnOperatorMayNotRecordSteps()
    {
        using var client = await Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.PostAsync(Steps.Valid("c-1", Now));

        await response.ReadProblemAsync(403);
    }

    [Fact]
    public async Task ATokenWithAnUnknownRoleIs403()
    {
        using var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Mint("admin", "root", GatewayFactory.SigningKey));

        using var response = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(403);
    }

    [Fact]
    public async Task AClientMayNotReadAnotherClientsProgress()
    {
        using var client = await Gateway.ClientAsAsync("client", "c-alice");

        using var response = await client.GetAsync("/v1/onboarding/clients/c-bob/progress", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(403);
        Assert.Contains("own", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AClientMayNotRecordAStepForAnotherClient()
    {
        var other = Steps.UniqueClient();
        using var client = await Gateway.ClientAsAsync("client", "c-alice");

        using var response = await client.PostAsync(Steps.Valid(other, Now));

        await response.ReadProblemAsync(403);
        Assert.Equal(0, fixture.Onboarding.Service.Calls("RecordStep", other));
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("rejected")]
    public async Task AClientMayNotRecordADecision(string step)
    {
        var clientId = Steps.UniqueClient();
        using var client = await Gateway.ClientAsAsync("client", clientId);
        var body = Steps.Valid(clientId, Now, step);
        body["backToStep"] = "id_uploaded";

        using var response = await client.PostAsync(body);

        await response.ReadProblemAsync(403);
        Assert.Equal(0, fixture.Onboarding.Service.Calls("RecordStep", clientId));
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("system")]
    public async Task OperatorsAndSystemsMayReadAnyClientsProgress(string role)
    {
        using var client = await Gateway.ClientAsAsync(role, $"{role}-1");

        using var response = await client.GetAsync("/v1/onboarding/clients/c-anyone/progress", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static string Mint(string role, string subject, string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "platform-dev",
        Audience = "platform-gateway",
        Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}
