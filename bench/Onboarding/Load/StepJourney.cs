using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Bench.Common.Load;

namespace Platform.Bench.Onboarding.Load;

/// <summary>
/// The request bodies of one load worker: its own clients, each registering and then walking
/// forward through the standard funnel until it drops out (85% go on after each step, so a
/// client makes ~5.8 steps and ~17% of the requests are registrations). Every step is new for
/// its client, so every accepted step changes progress and publishes exactly one StepRecorded.
/// `approved` is left out: it is system-only and publishes a second event (AccountApproved).
/// </summary>
public sealed class StepJourney(Uri stepRoute, string clientPrefix, int seed) : IRequestSource
{
    public const double ContinueProbability = 0.85;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private static readonly string[] Steps =
    [
        "registered", "phone_verified", "id_uploaded", "id_verified", "face_verified", "profile_completed",
        "risk_assessed", "bank_card_bound", "depository_signed", "agreements_signed", "video_witnessed", "submitted",
    ];

    private static readonly string[] Channels =
    [
        "app_store", "short_video", "wechat_article", "search_ad", "partner_bank", "advisor_referral", "wecom", "client_referral", "branch",
    ];

    private static readonly string[] Campaigns = ["double11", "spring_open", "new_year", "etf_week", "margin_intro", "none_yet"];
    private static readonly string[] Devices = ["ios", "android", "harmony", "web"];
    private static readonly string[] RiskLevels = ["C1", "C2", "C3", "C4", "C5"];

    private readonly Random random = new(seed);
    private readonly ArrayBufferWriter<byte> buffer = new(512);
    private int clients;
    private int position = -1;
    private string clientId = string.Empty;
    private string channel = string.Empty;
    private string campaign = string.Empty;
    private string device = string.Empty;

    /// <summary>Registrations answered 202 (warm-up included): the clients the report must count at step registered.</summary>
    public long AcceptedRegistrations { get; private set; }

    /// <summary>True when the body last returned by <see cref="NextBody"/> registers a new client.</summary>
    public bool IsRegistration => position == 0;

    public HttpRequestMessage Next()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, stepRoute) { Content = new ReadOnlyMemoryContent(NextBody()) };
        request.Content.Headers.ContentType = Json;
        return request;
    }

    public void Answered(string outcome) => AcceptedRegistrations += outcome == "202" && IsRegistration ? 1 : 0;

    /// <summary>The next step of the current client, or the registration of a new one. The memory is reused by the next call.</summary>
    public ReadOnlyMemory<byte> NextBody()
    {
        if (position < 0 || position == Steps.Length - 1 || random.NextDouble() >= ContinueProbability)
        {
            StartClient();
        }
        else
        {
            position++;
            // Video witnessing is optional on private-traffic channels (the standard funnel): those clients skip it.
            if (Steps[position] == "video_witnessed" && channel is "advisor_referral" or "branch")
            {
                position++;
            }
        }

        return Body(Steps[position]);
    }

    private void StartClient()
    {
        clientId = $"{clientPrefix}-{clients++}";
        channel = Channels[random.Next(Channels.Length)];
        campaign = Campaigns[random.Next(Campaigns.Length)];
        device = Devices[random.Next(Devices.Length)];
        position = 0;
    }

    private ReadOnlyMemory<byte> Body(string step)
    {
        buffer.ResetWrittenCount();
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteString("eventId", Guid.CreateVersion7());
        json.WriteString("clientId", clientId);
        json.WriteString("funnel", "standard");
        json.WriteString("step", step);
        json.WriteString("occurredAt", DateTimeOffset.UtcNow);
        json.WriteString("channel", channel);
        json.WriteString("campaign", campaign);
        json.WriteString("device", device);
        json.WriteNumber("attempt", 1);
        if (step == "risk_assessed")
        {
            json.WriteString("riskLevel", RiskLevels[random.Next(RiskLevels.Length)]);
        }

        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenMemory;
    }
}
