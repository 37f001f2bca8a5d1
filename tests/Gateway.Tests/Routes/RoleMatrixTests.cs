using System.Net.Http.Headers;
using System.Text;
using Platform.Gateway.Tests.Fuzz;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Routes;

/// <summary>
/// Every route of the OpenAPI document against <see cref="RouteRoles"/> (written from API.md): no
/// token 401, each role the route does not allow 403, a client on another client's id 403.
/// </summary>
public sealed class RoleMatrixTests(GatewayFixture fixture)
{
    private const string OtherClient = "c-someone-else";

    [Fact]
    public async Task TheRoleTableKnowsEveryRouteOfTheDocument()
    {
        var (routes, _) = await OpenApiRoutes.ReadAsync(fixture.Gateway);

        var documented = routes.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(documented.Except(RouteRoles.Allowed.Keys));   // a new route: add who may call it to RouteRoles
        Assert.Empty(RouteRoles.Allowed.Keys.Except(documented));   // a route the table names is gone from the document
    }

    [Fact]
    public async Task EveryRouteRefusesNoTokenOtherRolesAndOtherClients()
    {
        var (routes, _) = await OpenApiRoutes.ReadAsync(fixture.Gateway);
        var now = fixture.Gateway.Time.GetUtcNow();
        List<string> wrong = [];
        foreach (var route in routes.Where(r => RouteRoles.Allowed.TryGetValue(r.Key, out var roles) && roles.Length > 0))
        {
            var allowed = RouteRoles.Allowed[route.Key];
            await ExpectAsync(wrong, route, token: null, ValidBodies.ClientId, 401);
            foreach (var role in RouteRoles.AllRoles.Except(allowed))
            {
                await ExpectAsync(wrong, route, TestTokens.Sign(role, role == RouteRoles.Client ? ValidBodies.ClientId : $"{role}-1", now),
                    ValidBodies.ClientId, 403);
            }

            // The client id in the path or in the body (a step names its client in the body).
            if ((route.PathParameters.Contains("clientId") || BodyNamesAClient(route)) && allowed.Contains(RouteRoles.Client))
            {
                await ExpectAsync(wrong, route, TestTokens.Sign(RouteRoles.Client, ValidBodies.ClientId, now), OtherClient, 403);
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    private bool BodyNamesAClient(OpenApiRoute route) =>
        route.BodySchema is not null && ValidBodies.For(route.Key, fixture.Gateway.Time.GetUtcNow()) is System.Text.Json.Nodes.JsonObject body
        && body.ContainsKey("clientId");

    private async Task ExpectAsync(List<string> wrong, OpenApiRoute route, string? token, string clientId, int expected)
    {
        var url = new StringBuilder(route.Path);
        foreach (var parameter in route.PathParameters)
        {
            url.Replace("{" + parameter + "}", parameter == "clientId" ? clientId : ValidBodies.PathValue(parameter));
        }

        using var client = fixture.Gateway.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), url.ToString());
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (route.BodySchema is not null)
        {
            var body = ValidBodies.For(route.Key, fixture.Gateway.Time.GetUtcNow());
            if (body is System.Text.Json.Nodes.JsonObject fields && fields.ContainsKey("clientId"))
            {
                fields["clientId"] = clientId;
            }

            request.Content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if ((int)response.StatusCode != expected)
        {
            var who = token is null ? "no token" : clientId == OtherClient ? "a client on another client's id" : "a role not allowed";
            wrong.Add($"{route.Key} with {who}: {(int)response.StatusCode}, expected {expected}");
        }
    }
}
