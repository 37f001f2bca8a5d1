using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;

namespace Platform.Bench.Engagement.Burst;

/// <summary>
/// A burst of a brokerage's traffic, deterministic per client: the existing clients (<see cref="ExistingShare"/>, approved,
/// funded and invested before the run: their state is seeded) log in, get their daily asset snapshot, trade, deposit, buy
/// products, and now and then draw down, transfer out or move tier; the new ones register, go through the funnel's steps,
/// some stall (ProspectStalled: the breakpoint recall), some are approved (welcome), fund and make a first deposit. Each
/// client's events are in its own order; clients are interleaved as traffic is.
/// </summary>
public sealed class DayModel(string prefix, int clients, DateTimeOffset start)
{
    public const double ExistingShare = 0.9;

    private static readonly string[] FunnelSteps = ["mobile_verified", "id_uploaded", "face_verified", "profile_completed", "risk_assessed", "agreements_signed"];
    private static readonly string[] RiskLevels = ["C1", "C2", "C3", "C4", "C5"];

    /// <summary>The clients' ids start with it: the warm-up's clients are others than the measured ones.</summary>
    public string Prefix { get; } = prefix;

    public int Clients { get; } = clients;

    /// <summary>The first <see cref="ExistingClients"/> client indexes are existing clients, the rest new.</summary>
    public int ExistingClients { get; } = (int)(clients * ExistingShare);

    public string ClientId(int index) => $"{Prefix}{index:D8}";

    public bool IsExisting(int index) => index < ExistingClients;

    /// <summary>Every event's client_id is its key, as the services' relays key them.</summary>
    public static string ClientIdOf(IMessage message) => (string)message.Descriptor.FindFieldByName("client_id").Accessor.GetValue(message);

    /// <summary>Exactly <paramref name="count"/> events: round after round, each client's next event (a client with no next one left drops out of the round).</summary>
    public IEnumerable<(string Topic, IMessage Message)> Events(long count)
    {
        long produced = 0;
        for (var round = 0; ; round++)
        {
            for (var client = 0; client < Clients; client++)
            {
                if (Next(client, round) is not { } next)
                {
                    continue;
                }

                yield return next;
                if (++produced == count)
                {
                    yield break;
                }
            }
        }
    }

    private (string Topic, IMessage Message)? Next(int client, int round)
    {
        var random = new Random(unchecked(client * 1_000_003 + round * 7_919 + 77));   // the same events in every run
        var at = Timestamp.FromDateTimeOffset(start.AddSeconds(round * 30 + random.Next(30)));
        var id = ClientId(client);
        return IsExisting(client) ? Existing(id, random, at) : Prospect(client, id, round, at);
    }

    /// <summary>An existing client's next event, by the day's mix.</summary>
    private static (string, IMessage) Existing(string id, Random random, Timestamp at)
    {
        var draw = random.NextDouble();
        return draw switch
        {
            < 0.40 => (Topics.ActivityEvents, new Login { ClientId = id, OccurredAt = at }),
            < 0.65 => (Topics.ActivityEvents, new AssetsSnapshot
            {
                ClientId = id, OccurredAt = at, Date = at.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd"),
                TotalAssets = Money(20_000 + random.Next(2_000_000)), Cash = Money(random.Next(200_000)),
            }),
            < 0.80 => (Topics.ActivityEvents, new Trade { ClientId = id, OccurredAt = at, Amount = Money(1_000 + random.Next(100_000)) }),
            < 0.88 => (Topics.ActivityEvents, new Deposit { ClientId = id, OccurredAt = at, Amount = Money(1_000 + random.Next(200_000)) }),
            < 0.91 => (Topics.ActivityEvents, new ProductPurchase
            {
                ClientId = id, OccurredAt = at, ProductId = $"wm-{random.Next(50)}", Amount = Money(10_000 + random.Next(500_000)),
            }),
            < 0.94 => (Topics.ActivityEvents, new Withdrawal { ClientId = id, OccurredAt = at, Amount = Money(1_000 + random.Next(50_000)) }),
            < 0.96 => (Topics.ActivityEvents, new Drawdown { ClientId = id, OccurredAt = at, Percent = Money(2 + random.Next(20)) }),
            < 0.97 => (Topics.ActivityEvents, new TransferOut { ClientId = id, OccurredAt = at, Amount = Money(10_000 + random.Next(1_000_000)) }),
            < 0.98 => (Topics.TieringEvents, new TierChanged { ClientId = id, FromTier = "V2", ToTier = "V3", Reason = "upgrade", OccurredAt = at }),
            < 0.99 => (Topics.TieringEvents, new NearNextTier
            {
                ClientId = id, Tier = "V2", NextTier = "V3", OccurredAt = at, AmountToNextTier = new Amount { Units = 1_000 + random.Next(20_000) },
            }),
            _ => (Topics.TieringEvents, new DowngradeWarned { ClientId = id, Tier = "V2", OccurredAt = at, ReviewAt = at }),
        };
    }

    /// <summary>
    /// A new client's story, one event per round: registration, the funnel's steps; then a stall for a third of them
    /// (they stop there), approval, funding and a first deposit for the others; then logins.
    /// </summary>
    private static (string, IMessage)? Prospect(int client, string id, int round, Timestamp at)
    {
        var stalls = client % 3 == 0;
        var steps = 2 + client % 4;
        if (round == 0)
        {
            return (Topics.OnboardingEvents, new StepRecorded { ClientId = id, Funnel = "standard", Step = "registered", OccurredAt = at, RegisteredAt = at });
        }

        if (round <= steps)
        {
            return (Topics.OnboardingEvents, new StepRecorded
            {
                ClientId = id, Funnel = "standard", Step = FunnelSteps[round - 1], OccurredAt = at, Attempt = 1, Status = "completed",
                RiskLevelSequence = round * 65_536L,
            });
        }

        var after = round - steps;
        return (stalls, after) switch
        {
            (true, 1) => (Topics.OnboardingEvents, new ProspectStalled
            {
                ClientId = id, Funnel = "standard", Step = FunnelSteps[steps - 1], Level = 1, Threshold = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)),
                StalledSince = at,
            }),
            (true, _) => null,
            (false, 1) => (Topics.OnboardingEvents, new AccountApproved
            {
                ClientId = id, Funnel = "standard", OccurredAt = at, RiskLevel = RiskLevels[client % RiskLevels.Length], RiskLevelSequence = (steps + 1) * 65_536L,
            }),
            (false, 2) => (Topics.ActivityEvents, new Deposit { ClientId = id, OccurredAt = at, Amount = Money(10_000 + client % 90_000) }),
            (false, 3) => (Topics.OnboardingEvents, new AccountFunded { ClientId = id, ApprovedAt = at, FundedAt = at }),
            _ => (Topics.ActivityEvents, new Login { ClientId = id, OccurredAt = at }),
        };
    }

    private static DecimalValue Money(long units) => new() { Units = units };
}
