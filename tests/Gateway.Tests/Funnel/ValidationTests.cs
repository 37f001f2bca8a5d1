using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Tests.Funnel;

public sealed class ValidationTests(GatewayFixture fixture) : IAsyncLifetime
{
    private readonly string clientId = Steps.UniqueClient();
    private HttpClient client = null!;

    private DateTimeOffset Now => fixture.Gateway.Time.GetUtcNow();

    public async ValueTask InitializeAsync() => client = await fixture.Gateway.ClientAsAsync("system", "core-1");

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("""{"eventId":"1f0c""", "eventId")]
    [InlineData("""not json""", "body")]
    [InlineData("""{"clientId":"c-1","attempt":}""", "attempt")]
    public async Task MalformedJsonIs400NamingWhereItBroke(string json, string field)
    {
        using var response = await client.PostRawAsync(json);

        await response.ReadValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("attempt", "\"three\"")]
    [InlineData("attempt", "\"3\"")]
    [InlineData("attempt", "2.5")]
    [InlineData("attempt", "99999999999")]
    [InlineData("clientId", "42")]
    [InlineData("occurredAt", "\"yesterday\"")]
    [InlineData("occurredAt", "\"2026-11-24T09:00:00\"")]
    [InlineData("campaign", "{}")]
    [InlineData("step", "null")]
    public async Task AValueOfTheWrongTypeOrOutOfRangeIs400NamingTheField(string field, string value)
    {
        var body = Steps.Valid(clientId, Now);
        body[field] = JsonNode.Parse(value);

        using var response = await client.PostAsync(body);

        await response.ReadValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("step", "\"flying\"")]
    [InlineData("step", "3")]
    [InlineData("step", "\"ID_UPLOADED\"")]
    [InlineData("channel", "\"tv\"")]
    [InlineData("riskLevel", "\"C9\"")]
    public async Task AnUnknownEnumValueIs400ListingTheAllowedValues(string field, string value)
    {
        var body = Steps.Valid(clientId, Now, field == "riskLevel" ? "risk_assessed" : "id_uploaded");
        body[field] = JsonNode.Parse(value);

        using var response = await client.PostAsync(body);

        var problem = await response.ReadValidationProblemAsync(field);
        Assert.StartsWith("Must be one of:", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("clientId")]
    [InlineData("funnel")]
    [InlineData("step")]
    [InlineData("occurredAt")]
    public async Task AMissingRequiredFieldIs400NamingIt(string field)
    {
        var body = Steps.Valid(clientId, Now);
        body.Remove(field);

        using var response = await client.PostAsync(body);

        await response.ReadValidationProblemAsync(field);
    }

    /// <summary>
    /// Onboarding's rules are its own (item 16): the gateway forwards these steps, and the fake takes them.
    /// <see cref="StepRulesOfTheServiceTests"/> shows the real service refusing each.
    /// </summary>
    [Theory]
    [InlineData("occurredAt")]
    [InlineData("clientId")]
    [InlineData("riskLevel")]
    [InlineData("riskLevelMissing")]
    [InlineData("channel")]
    [InlineData("campaign")]
    public async Task TheGatewayLeavesTheServicesRulesToTheService(string rule)
    {
        var body = rule switch
        {
            "occurredAt" => Steps.Valid(clientId, Now.AddHours(1)),
            "clientId" => Steps.Valid(new string('c', ClientIds.MaxLength + 1), Now),
            "riskLevelMissing" => Steps.Valid(clientId, Now, "risk_assessed"),
            _ => Steps.Valid(clientId, Now),
        };
        switch (rule)
        {
            case "riskLevel":
                body["riskLevel"] = "C3";
                break;
            case "channel":
                body["channel"] = null;
                break;
            case "campaign":
                body["campaign"] = "\t";
                break;
        }

        using var response = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(Forwarded(body));
    }

    [Theory]
    [InlineData("id_uploaded", "eventId", "\"not-a-uuid\"", "eventId")]
    [InlineData("id_uploaded", "attempt", "0", "attempt")]
    [InlineData("id_uploaded", "reason", "\"blurry_id\"", "reason")]
    [InlineData("id_uploaded", "backToStep", "\"registered\"", "backToStep")]
    [InlineData("rejected", "reason", "\"blurry_id\"", "backToStep")]
    [InlineData("rejected", "backToStep", "\"approved\"", "backToStep")]
    [InlineData("id_uploaded", "clientId", "\"   \"", "clientId")]
    public async Task RulesBetweenFieldsAre400NamingTheField(string step, string field, string value, string expectedField)
    {
        using var response = await client.PostAsync(Steps.Valid(clientId, Now, step).With(field, value));

        await response.ReadValidationProblemAsync(expectedField);
    }

    [Fact]
    public async Task EveryBrokenRuleIsReportedAtOnce()
    {
        using var response = await client.PostRawAsync("""{"step":"id_uploaded","attempt":0,"reason":"r"}""");

        var problem = await response.ReadValidationProblemAsync("eventId");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "clientId", "funnel", "occurredAt", "attempt", "reason" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing from {errors}");
        }
    }

    [Fact]
    public async Task AnEmptyBodyIs400()
    {
        using var response = await client.PostRawAsync("");

        await response.ReadValidationProblemAsync("body");
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIs415ProblemDetails()
    {
        using var content = new StringContent("eventId=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync(Steps.Route, content, TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(415);
    }

    [Fact]
    public async Task AnUnknownExtraFieldIsIgnored()
    {
        var body = Steps.Valid(clientId, Now);
        body["futureField"] = "added by a newer app";

        using var response = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIs400NamingTheLimit()
    {
        var body = Steps.Valid(clientId, Now);
        body["campaign"] = new string('x', 1_153_434);   // about 1.1 MiB

        using var response = await client.PostAsync(body);

        var problem = await response.ReadValidationProblemAsync("body");
        Assert.Contains("1 MiB", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AChunkedBodyOverOneMebibyteIs400OnKestrel()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address);
        gateway.UseKestrel(0);
        gateway.StartServer();
        using var kestrelClient = await gateway.ClientAsAsync("system", "core-1");
        // Expect: 100-continue makes the client read the answer while it sends the body, as a browser does:
        // Kestrel answers 400 and closes once it has read 1 MiB, and a client still writing the rest would
        // fail with a broken pipe instead of reading that answer (seen on a loaded machine).
        using var request = new HttpRequestMessage(HttpMethod.Post, Steps.Route)
        {
            Content = new ChunkedContent(new string(' ', 1_153_434) + "{}"),
            Headers = { ExpectContinue = true },
        };

        using var response = await kestrelClient.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ReadValidationProblemAsync("body");
        Assert.Contains("1 MiB", problem.GetProperty("detail").GetString());
    }

    /// <summary>Whether the gateway passed the step on to Onboarding (which then answered).</summary>
    private bool Forwarded(JsonObject body) => fixture.Onboarding.Service.ReceivedTokens.ContainsKey(body["eventId"]!.GetValue<string>());

    /// <summary>A JSON body sent without Content-Length, so only Kestrel's limit can catch it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] bytes;

        public ChunkedContent(string json)
        {
            bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
