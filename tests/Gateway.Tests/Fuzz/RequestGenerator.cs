using System.Text;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// Malformed requests for one route, from a seeded <see cref="Random"/>: a caller the route allows
/// (so that requests reach validation), path and query values now well-formed, now hostile, and a
/// body that is mostly a mutated well-formed one, else raw hostile text or the right JSON under a
/// wrong content type.
/// </summary>
public sealed class RequestGenerator(Random random, JsonObject schemas, DateTimeOffset now)
{
    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
        "application/merge-patch+json", "*/*",
    ];

    private static readonly string[] RawBodies =
    [
        "", "{", "}", "[]", "null", "0", "\"x\"", "{\"a\":}", "{'a':1}", "{\"events\":[{]}", "\uFEFF{}", "{\"a\":1,\"a\":2}", "{}garbage",
        new string('[', 5000) + new string(']', 5000), "{\"events\":" + new string('[', 200) + new string(']', 200) + "}",
    ];

    public FuzzRequest Next(OpenApiRoute route)
    {
        var url = new StringBuilder(route.Path);
        foreach (var parameter in route.PathParameters)
        {
            // No NUL in a path: Kestrel refuses it with a 400 before any application code runs (and the test host throws).
            var value = random.Next(5) == 0 ? HostileValues.NextText(random).Replace("\0", string.Empty, StringComparison.Ordinal) : ValidBodies.PathValue(parameter);
            url.Replace("{" + parameter + "}", Uri.EscapeDataString(value));
        }

        url.Append(Query(route));
        var (contentType, body) = route.BodySchema is { } schema
            ? Body(route, schema)
            : random.Next(10) == 0 ? ("application/json", Encoding.UTF8.GetBytes("{\"unexpected\":true}")) : (null, null);
        return new FuzzRequest(route.Key, route.Method, url.ToString(), AllowedRole(route), contentType, body);
    }

    /// <summary>
    /// A request the route should accept: well-formed path, query and body (a new one at each call: new ids and keys),
    /// from a caller it allows. A pass opens each route with these, so that it reaches the route's write path
    /// whatever the seed draws after them.
    /// </summary>
    public FuzzRequest WellFormed(OpenApiRoute route)
    {
        var url = new StringBuilder(route.Path);
        foreach (var parameter in route.PathParameters)
        {
            url.Replace("{" + parameter + "}", Uri.EscapeDataString(ValidBodies.PathValue(parameter)));
        }

        url.Append(WellFormedQuery(route));
        var body = route.BodySchema is { } schema ? Encoding.UTF8.GetBytes(Serialize(ValidBodies.For(route.Key, now) ?? SchemaBodies.From(schema, schemas, random))) : null;
        return new FuzzRequest(route.Key, route.Method, url.ToString(), AllowedRole(route), body is null ? null : "application/json", body);
    }

    private string? AllowedRole(OpenApiRoute route)
    {
        var allowed = RouteRoles.Allowed.GetValueOrDefault(route.Key, RouteRoles.AllRoles.ToArray());
        return allowed.Length == 0 ? null : allowed[random.Next(allowed.Length)];
    }

    private static string WellFormedQuery(OpenApiRoute route) => route.QueryParameters.Count == 0
        ? string.Empty
        : "?" + string.Join('&', route.QueryParameters.Select(p => $"{p}={Uri.EscapeDataString(ValidBodies.QueryValue(p))}"));

    private string Query(OpenApiRoute route)
    {
        List<string> pairs = [];
        foreach (var parameter in route.QueryParameters)
        {
            switch (random.Next(10))
            {
                case < 5:
                    pairs.Add($"{parameter}={Uri.EscapeDataString(ValidBodies.QueryValue(parameter))}");
                    break;
                case < 8:
                    pairs.Add($"{parameter}={Uri.EscapeDataString(HostileValues.NextText(random))}");
                    break;
                case 8:
                    pairs.Add($"{parameter}=a&{parameter}=b");   // repeated
                    break;
            }
        }

        if (random.Next(10) == 0)
        {
            pairs.Add($"unknown={Uri.EscapeDataString(HostileValues.NextText(random))}");
        }

        return pairs.Count == 0 ? string.Empty : "?" + string.Join('&', pairs);
    }

    private (string? ContentType, byte[] Body) Body(OpenApiRoute route, JsonObject schema)
    {
        var valid = ValidBodies.For(route.Key, now) ?? SchemaBodies.From(schema, schemas, random);
        return random.Next(20) switch
        {
            0 => ("application/json", Encoding.UTF8.GetBytes(Serialize(valid))),                   // well-formed: may pass
            1 or 2 => ("application/json", Encoding.UTF8.GetBytes(RawBodies[random.Next(RawBodies.Length)])),
            3 => ("application/json", [0xC3, 0x28, 0xFF, 0x7B]),                                      // not UTF-8
            4 => (WrongContentTypes[random.Next(WrongContentTypes.Length)], Encoding.UTF8.GetBytes(Serialize(valid))),
            5 => (null, Encoding.UTF8.GetBytes(Serialize(valid))),                                   // no content type
            6 when route.Key == "POST /v1/activity" => ("application/json", Encoding.UTF8.GetBytes(Serialize(ManyEvents()))),
            _ => ("application/json", Encoding.UTF8.GetBytes(Serialize(BodyMutator.Mutate(valid, random)))),
        };
    }

    /// <summary>One event more than a batch may hold, one of them broken.</summary>
    private JsonObject ManyEvents()
    {
        var events = new JsonArray();
        for (var i = 0; i < 1001; i++)
        {
            events.Add(ValidBodies.For("POST /v1/activity", now)!["events"]![0]!.DeepClone());
        }

        events[random.Next(events.Count)] = HostileValues.Next(random);
        return new JsonObject { ["events"] = random.Next(2) == 0 ? events : new JsonArray([.. events.Skip(1).Select(e => e?.DeepClone())]) };
    }

    private static string Serialize(JsonNode? body)
    {
        var text = body?.ToJsonString() ?? "null";
        for (var i = 0; i < HostileValues.RawLiterals.Length; i++)
        {
            text = text.Replace($"\"{HostileValues.RawPrefix}{i}\"", HostileValues.RawLiterals[i], StringComparison.Ordinal);
        }

        return text;
    }
}
