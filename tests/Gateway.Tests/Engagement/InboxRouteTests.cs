extern alias EngagementApp;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;
using InboxEntry = EngagementApp::Platform.Engagement.Inbox.InboxEntry;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>The in-app inbox through the gateway and the real Engagement (API.md, Engagement): shape, order, roles, reads.</summary>
public sealed class InboxRouteTests(EngagementServicesFixture services) : IClassFixture<EngagementServicesFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AClientReadsItsInboxNewestFirstInTheDocumentedShapeAndTheLimitCuts()
    {
        var clientId = NewClient();
        var (older, newer) = (await AddAsync(clientId, "M04", 0), await AddAsync(clientId, "M06", 5));
        await AddAsync(NewClient(), "M04", 1);
        using var client = await services.Gateway.ClientAsAsync("client", clientId);
        var ct = TestContext.Current.CancellationToken;

        var inbox = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/inbox", ct);
        var limited = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/inbox?limit=1", ct);

        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([newer.ToString(), older.ToString()], items.Select(i => i.GetProperty("messageId").GetString()));
        Assert.Equal(["messageId", "moment", "title", "body", "createdAt", "readAt"], items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("M06", "Words of M06", T0.AddMinutes(5)), (items[0].GetProperty("moment").GetString(), items[0].GetProperty("title").GetString(),
            items[0].GetProperty("createdAt").GetDateTimeOffset()));
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("readAt").ValueKind);
        Assert.Equal([newer.ToString()], limited.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("messageId").GetString()));
    }

    [Fact]
    public async Task MarkingReadIsIdempotentAndKeepsTheFirstReadTime()
    {
        var clientId = NewClient();
        var message = await AddAsync(clientId, "M08", 0);
        using var client = await services.Gateway.ClientAsAsync("client", clientId);
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.PostAsync($"/v1/clients/{clientId}/inbox/{message}/read", null, ct);
        var afterFirst = await ReadAtAsync(client, clientId);
        using var second = await client.PostAsync($"/v1/clients/{clientId}/inbox/{message}/read", null, ct);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (first.StatusCode, second.StatusCode));
        Assert.NotNull(afterFirst);
        Assert.Equal(afterFirst, await ReadAtAsync(client, clientId));
    }

    [Fact]
    public async Task AnotherClientsMessageIsNotFoundAndAMalformedIdOrLimitIs400()
    {
        var (owner, other) = (NewClient(), NewClient());
        var message = await AddAsync(owner, "M04", 0);
        using var client = await services.Gateway.ClientAsAsync("client", other);
        var ct = TestContext.Current.CancellationToken;

        using var notTheirs = await client.PostAsync($"/v1/clients/{other}/inbox/{message}/read", null, ct);
        using var unknown = await client.PostAsync($"/v1/clients/{other}/inbox/{Guid.NewGuid()}/read", null, ct);
        using var malformed = await client.PostAsync($"/v1/clients/{other}/inbox/not-a-uuid/read", null, ct);
        using var tooMany = await client.GetAsync($"/v1/clients/{other}/inbox?limit=201", ct);

        await notTheirs.ReadProblemAsync(404);
        await unknown.ReadProblemAsync(404);
        await malformed.ReadValidationProblemAsync("messageId");
        await tooMany.ReadValidationProblemAsync("limit");
        // The owner's message stayed unread.
        using var owners = await services.Gateway.ClientAsAsync("client", owner);
        Assert.Null(await ReadAtAsync(owners, owner));
    }

    [Fact]
    public async Task OnlyTheClientItselfAndOperatorsReachAnInbox()
    {
        var clientId = NewClient();
        await AddAsync(clientId, "M04", 0);
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = services.Gateway.CreateClient();
        using var stranger = await services.Gateway.ClientAsAsync("client", NewClient());
        using var system = await services.Gateway.ClientAsAsync("system", "core-1");
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-1");

        using var none = await anonymous.GetAsync($"/v1/clients/{clientId}/inbox", ct);
        using var otherClient = await stranger.GetAsync($"/v1/clients/{clientId}/inbox", ct);
        using var core = await system.GetAsync($"/v1/clients/{clientId}/inbox", ct);
        var seen = await operators.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/inbox", ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (none.StatusCode, otherClient.StatusCode, core.StatusCode));
        Assert.Equal(1, seen.GetProperty("items").GetArrayLength());
    }

    private static string NewClient() => "inbox-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A message as the decision pipeline keeps it for a sent outreach.</summary>
    private async Task<Guid> AddAsync(string clientId, string moment, int minute)
    {
        var id = Guid.NewGuid();
        await services.WithDbAsync(async db =>
        {
            db.InboxEntries.Add(new InboxEntry
            {
                MessageId = id, ClientId = clientId, InstanceKey = $"{moment}:{clientId}:client", Moment = moment, Channel = "push",
                Title = $"Words of {moment}", Body = "Open the app to see more", CreatedAt = T0.AddMinutes(minute),
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    private static async Task<DateTimeOffset?> ReadAtAsync(HttpClient client, string clientId)
    {
        var inbox = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/inbox", TestContext.Current.CancellationToken);
        var readAt = inbox.GetProperty("items")[0].GetProperty("readAt");
        return readAt.ValueKind == JsonValueKind.Null ? null : readAt.GetDateTimeOffset();
    }
}
