using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Routes;

/// <summary>One operation of the gateway's OpenAPI document.</summary>
/// <param name="Key">"METHOD /path/{template}", as <see cref="RouteRoles"/> names it.</param>
/// <param name="BodySchema">The JSON request body's schema ($ref resolved), or null without a body.</param>
public sealed record OpenApiRoute(string Key, string Method, string Path, IReadOnlyList<string> PathParameters,
    IReadOnlyList<string> QueryParameters, JsonObject? BodySchema);

/// <summary>Reads the routes from the document the test gateway serves, so that tests cover every route, new ones included.</summary>
public static class OpenApiRoutes
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static async Task<(IReadOnlyList<OpenApiRoute> Routes, JsonObject Schemas)> ReadAsync(GatewayFactory gateway)
    {
        using var client = gateway.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!.AsObject();
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        List<OpenApiRoute> routes = [];
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                var operation = item![method]!;
                var parameters = operation["parameters"]?.AsArray().Select(p => (Name: (string)p!["name"]!, In: (string)p["in"]!)).ToList() ?? [];
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                routes.Add(new OpenApiRoute(
                    $"{method.ToUpperInvariant()} {path}", method.ToUpperInvariant(), path,
                    [.. parameters.Where(p => p.In == "path").Select(p => p.Name)],
                    [.. parameters.Where(p => p.In == "query").Select(p => p.Name)],
                    body is null ? null : Resolve(body.AsObject(), schemas)));
            }
        }

        return (routes, schemas);
    }

    /// <summary>The schema a $ref points to (one level); any other schema as it is.</summary>
    public static JsonObject Resolve(JsonObject schema, JsonObject schemas) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? schemas[reference[(reference.LastIndexOf('/') + 1)..]]!.AsObject()
            : schema;
}
