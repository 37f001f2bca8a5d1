using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests;

public sealed class AuthTests(GatewayFixture fixture)
{
    private GatewayFactory Gateway => fixture.Gateway;

    private DateTimeOffset Now => Gateway.Time.GetUtcNow();

    [Fact]
    public async Task A_request_without_a_token_is_401_problem_details()
    {
        using var client = Gateway.CreateClient();

        using var post = await client.PostAsync(Steps.Valid("c-1", Now));
        using var get = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        await post.ReadProblemAsync(401);
        await get.ReadProblemAsync(401);
        Assert.Contains(get.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        using var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Mint("client", "c-1", "another-key-that-is-long-enough-0123456789"));

        using var response = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(401);
    }

    [Fact]
    public async Task An_operator_may_not_record_steps()
    {
        using var client = await Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.PostAsync(Steps.Valid("c-1", Now));

        await response.ReadProblemAsync(403);
    }

    [Fact]
    public async Task A_token_with_an_unknown_role_is_403()
    {
        using var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Mint("admin", "root", GatewayFactory.SigningKey));

        using var response = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(403);
    }

    [Fact]
    public async Task A_client_may_not_read_another_clients_progress()
    {
        using var client = await Gateway.ClientAsAsync("client", "c-alice");

        using var response = await client.GetAsync("/v1/onboarding/clients/c-bob/progress", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(403);
        Assert.Contains("own", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_client_may_not_record_a_step_for_another_client()
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
    public async Task A_client_may_not_record_a_decision(string step)
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
    public async Task Operators_and_systems_may_read_any_clients_progress(string role)
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
