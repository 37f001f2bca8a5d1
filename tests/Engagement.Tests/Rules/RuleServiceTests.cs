using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Grpc;
using Platform.Engagement.Rules;
using Platform.ServiceDefaults;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Rules;

/// <summary>Rules stored on real PostgreSQL: versions and their history, optimistic concurrency, the seed, and the rule book's hot reload.</summary>
public sealed class RuleServiceTests(RuleReplicasFixture replicas) : IClassFixture<RuleReplicasFixture>
{
    private RuleService.RuleServiceClient Operator(ServiceFactory<EngagementDbContext> replica) =>
        new(replica.CreateGrpcChannel(TestTokens.Operator()));

    private static string NewKey() => "r-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TheSeventeenMomentsAreSeededAsVersionOneOfEachRule()
    {
        var ct = TestContext.Current.CancellationToken;
        var list = await Operator(replicas.Saving).ListRulesAsync(new ListRulesRequest(), cancellationToken: ct);
        await using var db = Database(replicas.Saving);
        var firstVersions = await db.RuleVersions.Where(v => v.Version == 1 && v.Key.StartsWith("M")).Select(v => v.Key).ToListAsync(ct);

        var seeded = Enumerable.Range(1, 17).Select(n => $"M{n:D2}").ToList();
        Assert.Subset(list.Rules.Select(r => r.Key).ToHashSet(), seeded.ToHashSet());
        Assert.Equal(seeded, firstVersions.Order(StringComparer.Ordinal));
        var m06 = list.Rules.Single(r => r.Key == "M06");
        Assert.Equal(RuleWire.ToGrpc(RuleSeedSql.Rules().Single(r => r.Key == "M06")).Action, m06.Action);
    }

    [Fact]
    public async Task AnEditIsTheNextVersionEveryVersionIsKeptAndAStaleEditChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var rules = Operator(replicas.Saving);
        var key = NewKey();

        var created = await rules.CreateRuleAsync(WireRules.FirstDeposit(key), cancellationToken: ct);
        var edit = WireRules.FirstDeposit(key);
        edit.Priority = 10;
        var edited = await rules.UpdateRuleAsync(new UpdateRuleRequest { Rule = edit, ExpectedVersion = 1 }, cancellationToken: ct);
        var stale = WireRules.FirstDeposit(key);
        stale.Priority = 99;
        var conflict = await Assert.ThrowsAsync<RpcException>(() => rules.UpdateRuleAsync(new UpdateRuleRequest { Rule = stale, ExpectedVersion = 1 }, cancellationToken: ct).ResponseAsync);
        var read = await rules.GetRuleAsync(new GetRuleRequest { Key = key }, cancellationToken: ct);
        await using var db = Database(replicas.Saving);
        var history = await db.RuleVersions.Where(v => v.Key == key).OrderBy(v => v.Version).ToListAsync(ct);

        Assert.Equal((1, 2), (created.Version, edited.Version));
        Assert.Equal(StatusCode.Aborted, conflict.StatusCode);
        Assert.Equal((2, 10), (read.Version, read.Priority));
        Assert.Equal([1, 2], history.Select(v => v.Version));
        Assert.Equal([60, 10], history.Select(v => JsonDocument.Parse(v.Definition).RootElement.GetProperty("priority").GetInt32()));
    }

    [Fact]
    public async Task ATakenKeyAnUnknownKeyAndABadRuleAreRefusedWithoutAChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var rules = Operator(replicas.Saving);
        var bad = WireRules.FirstDeposit(NewKey());
        bad.Trigger.Event = "activity.teleport";
        bad.Conditions.Add(new Platform.Engagement.Grpc.RuleCondition { Field = "client.tier", Op = ">", Value = Value.ForString("V1") });

        var taken = await Assert.ThrowsAsync<RpcException>(() => rules.CreateRuleAsync(WireRules.FirstDeposit("M06"), cancellationToken: ct).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            rules.UpdateRuleAsync(new UpdateRuleRequest { Rule = WireRules.FirstDeposit(NewKey()) }, cancellationToken: ct).ResponseAsync);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => rules.CreateRuleAsync(bad, cancellationToken: ct).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => rules.GetRuleAsync(new GetRuleRequest { Key = bad.Key }, cancellationToken: ct).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        var errors = JsonSerializer.Deserialize<Dictionary<string, string[]>>(invalid.Trailers.GetValueBytes(GrpcFieldErrors.Trailer)!)!;
        Assert.Equal(["trigger.event", "conditions[2].op"], errors.Keys);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task OnlyOperatorsReachTheRules()
    {
        var ct = TestContext.Current.CancellationToken;
        var system = new RuleService.RuleServiceClient(replicas.Saving.CreateGrpcChannel(TestTokens.System()));
        var client = new RuleService.RuleServiceClient(replicas.Saving.CreateGrpcChannel(TestTokens.Client("c-1")));

        var bySystem = await Assert.ThrowsAsync<RpcException>(() => system.ListRulesAsync(new ListRulesRequest(), cancellationToken: ct).ResponseAsync);
        var byClient = await Assert.ThrowsAsync<RpcException>(() => client.GetRuleAsync(new GetRuleRequest { Key = "M06" }, cancellationToken: ct).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, bySystem.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byClient.StatusCode);
    }

    [Fact]
    public async Task APutIsInTheSavingReplicasBookBeforeItAnswersAndInAnotherReplicasWithinItsRefresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = NewKey();
        var rules = Operator(replicas.Saving);
        await rules.CreateRuleAsync(WireRules.FirstDeposit(key), cancellationToken: ct);
        var pollingBook = replicas.Polling.Services.GetRequiredService<RuleBook>();
        await ChildProcess.WaitUntilAsync(() => Task.FromResult(pollingBook.Current?.Get(key) is not null), TimeSpan.FromSeconds(30), "the new rule on the polling replica");

        var edit = WireRules.FirstDeposit(key);
        edit.Enabled = false;
        await rules.UpdateRuleAsync(new UpdateRuleRequest { Rule = edit, ExpectedVersion = 1 }, cancellationToken: ct);

        var saving = replicas.Saving.Services.GetRequiredService<RuleBook>().Current!;
        Assert.Equal((2, false), (saving.Get(key)!.Version, saving.Get(key)!.Enabled));
        Assert.DoesNotContain(saving.TriggeredBy("activity.deposit"), r => r.Key == key);
        await ChildProcess.WaitUntilAsync(() => Task.FromResult(pollingBook.Current?.Get(key)?.Version == 2), TimeSpan.FromSeconds(30),
            "the edit on the polling replica");
        Assert.DoesNotContain(pollingBook.Current!.TriggeredBy("activity.deposit"), r => r.Key == key);
    }

    [Fact]
    public async Task TheSeedRunAgainNeverOverwritesAnOperatorsEditOfASeededRule()
    {
        var ct = TestContext.Current.CancellationToken;
        var rules = Operator(replicas.Saving);
        var m15 = await rules.GetRuleAsync(new GetRuleRequest { Key = "M15" }, cancellationToken: ct);
        m15.Priority = 33;
        var edited = await rules.UpdateRuleAsync(new UpdateRuleRequest { Rule = m15 }, cancellationToken: ct);

        await using (var db = Database(replicas.Saving))
        {
            // As the migration runs it: raw, in a transaction (the seed's JSON braces are no format string).
            await db.Database.OpenConnectionAsync(ct);
            await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            (command.CommandText, command.Transaction) = (RuleSeedSql.Insert(), transaction);
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var read = await rules.GetRuleAsync(new GetRuleRequest { Key = "M15" }, cancellationToken: ct);
        Assert.Equal((edited.Version, 33), (read.Version, read.Priority));
    }

    [Fact]
    public async Task AStoredRuleTheChecksNoLongerAcceptIsLeftOutOfTheBookAndTheOthersStillLoad()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = NewKey();
        var retired = WireRules.FirstDeposit(key);
        retired.Trigger.Event = "activity.retired";   // an event the vocabulary once had, say
        await using (var db = Database(replicas.Saving))
        {
            db.Rules.Add(new StoredRule { Key = key, Definition = Google.Protobuf.JsonFormatter.Default.Format(retired), Version = 1, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
        }

        await using var read = Database(replicas.Saving);
        var stamp = (await read.Database.SqlQuery<long>($"""SELECT COALESCE(sum(version), 0)::bigint AS "Value" FROM rules""").ToListAsync(ct))[0];
        var book = replicas.Polling.Services.GetRequiredService<RuleBook>();
        await ChildProcess.WaitUntilAsync(() => Task.FromResult(book.Current?.Version >= stamp), TimeSpan.FromSeconds(30), "the polling replica's reload");

        Assert.Null(book.Current!.Get(key));
        Assert.NotNull(book.Current.Get("M06"));
    }

    private static EngagementDbContext Database(ServiceFactory<EngagementDbContext> replica) =>
        replica.Services.CreateScope().ServiceProvider.GetRequiredService<EngagementDbContext>();
}
