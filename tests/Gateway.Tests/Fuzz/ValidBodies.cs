using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// A well-formed body per route, the start of most fuzzed bodies (so that mutations reach past the
/// first check); routes not listed get one made from their schema. Client ids are those of the
/// fuzz caller (<see cref="ClientId"/>), never a prefix the fakes misbehave on.
/// </summary>
public static class ValidBodies
{
    public const string ClientId = "c-fuzz";

    /// <summary>The inbox message and the advisor task the Engagement pass seeds, so that reading and completing them can succeed.</summary>
    public const string MessageId = "6f1d2c3b-4a59-4e68-9d7c-8b0a1f2e3d4c";

    public const string TaskId = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";

    /// <summary>The experiment the well-formed conversions name.</summary>
    public const string ConversionExperiment = "welcome-copy";

    public static JsonNode? For(string routeKey, DateTimeOffset now) => routeKey switch
    {
        "POST /v1/dev/tokens" => new JsonObject { ["role"] = "operator", ["subject"] = "ops-1" },
        "POST /v1/onboarding/steps" => Steps.Valid(ClientId, now),
        "PUT /v1/config/funnels/{name}" => new JsonObject
        {
            ["steps"] = new JsonArray(new JsonObject { ["step"] = "registered" },
                new JsonObject { ["step"] = "video_witnessed", ["optionalOnChannels"] = new JsonArray("branch") }, new JsonObject { ["step"] = "approved" }),
            ["stallAfter"] = new JsonArray("PT30M", "PT24H", "P7D"),
            ["dormantAfter"] = "P3D",
        },
        "POST /v1/activity" => new JsonObject
        {
            ["events"] = new JsonArray(
                Event(now, "deposit", ("amount", 50000.5m)),
                Event(now, "assets_snapshot", ("date", "2026-11-24"), ("totalAssets", 120000m), ("cash", 10.25m)),
                Event(now, "drawdown", ("percent", 12.5m)),
                Event(now, "product_purchase", ("productId", "fund-a"), ("amount", 1000m)),
                Event(now, "login")),
        },
        "PUT /v1/config/engagement" => Engagement.SettingsRouteTests.Valid(),
        "PUT /v1/config/tiers" => new JsonObject
        {
            ["thresholds"] = new JsonObject
            {
                ["V1"] = 0.01m, ["V2"] = 10000m, ["V3"] = 50000m, ["V4"] = 200000m, ["V5"] = 1000000m, ["V6"] = 5000000m, ["V7"] = 10000000m,
            },
            ["windowDays"] = 20,
            ["hysteresis"] = 0.9m,
            ["nearNextTier"] = 0.9m,
        },
        "POST /v1/clients/{clientId}/benefits/{benefitId}/redemptions" => new JsonObject { ["redemptionKey"] = $"order-{Guid.NewGuid():N}" },
        "POST /v1/benefits" => Benefit($"b-{Guid.NewGuid():N}"),
        "PUT /v1/benefits/{benefitId}" => Benefit(null),
        "POST /v1/content/items" => ContentItem($"i-{Guid.NewGuid():N}"),
        "PUT /v1/content/items/{itemId}" => ContentItem(null),
        "PUT /v1/clients/{clientId}/tags" => new JsonObject { ["tags"] = new JsonArray("style:technical", "horizon:short", "interest:etf") },
        "POST /v1/segments" => new JsonObject { ["key"] = $"s-{Guid.NewGuid():N}", ["expression"] = "style:technical AND NOT horizon:long" },
        "PUT /v1/segments/{key}" => new JsonObject { ["expression"] = "style:technical AND (horizon:short OR interest:etf)" },
        "POST /v1/experiments" => Experiment($"x-{Guid.NewGuid():N}", "welcome-a", "welcome-b"),
        // Other items than a new experiment's: an item serves one running experiment at a time, and the real-services pass's
        // experiment (PathValue("key")) runs with these.
        "PUT /v1/experiments/{key}" => Experiment(null, "welcome-c", "welcome-d"),
        "POST /v1/rules" => Engagement.RuleBodies.Valid($"r-{Guid.NewGuid():N}"[..30]),
        "PUT /v1/rules/{key}" => Engagement.RuleBodies.Valid(null),
        "POST /v1/content/conversions" => new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(), ["clientId"] = ClientId, ["experimentKey"] = ConversionExperiment, ["occurredAt"] = now.ToString("O"),
        },
        _ => null,
    };

    /// <summary>A path parameter's well-formed value.</summary>
    public static string PathValue(string parameter) => parameter switch
    {
        "clientId" => ClientId,
        "name" => "standard",
        "benefitId" => "fee-waiver",
        "itemId" => "fund-a",
        "key" => "short-term-traders",
        "messageId" => MessageId,
        "taskId" => TaskId,
        _ => "x1",
    };

    /// <summary>A query parameter's well-formed value.</summary>
    public static string QueryValue(string parameter) => parameter switch
    {
        "funnel" => "standard",
        "from" => "2026-11-01T00:00:00+08:00",
        "to" => "2026-12-01T00:00:00+08:00",
        "by" => "channel",
        "limit" => "20",
        // GET /v1/advisor/tasks: "x" is no status, so its well-formed opening requests were refused and only a draw that left
        // the status out (one in ten, with the other two well-formed or absent too) could answer 2xx: about one seed in twenty
        // failed the pass (GATEWAY_FUZZ_SEED=1683841151 did).
        "status" => "open",
        "clientId" => ClientId,
        _ => "x",
    };

    private static JsonObject Event(DateTimeOffset now, string type, params (string Name, JsonNode? Value)[] fields)
    {
        var item = new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(),
            ["clientId"] = ClientId,
            ["type"] = type,
            ["occurredAt"] = now.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:sszzz"),
        };
        foreach (var (name, value) in fields)
        {
            item[name] = value;
        }

        return item;
    }

    public static JsonObject Experiment(string? key, string controlItem, string otherItem)
    {
        var experiment = new JsonObject
        {
            ["status"] = "running",
            ["variants"] = new JsonArray(
                new JsonObject { ["name"] = "control", ["weight"] = 50, ["itemId"] = controlItem },
                new JsonObject { ["name"] = "b", ["weight"] = 50, ["itemId"] = otherItem }),
            ["conversionWindow"] = "P7D",
        };
        if (key is not null)
        {
            experiment["key"] = key;
        }

        return experiment;
    }

    private static JsonObject ContentItem(string? itemId)
    {
        var item = new JsonObject
        {
            ["kind"] = "product", ["title"] = "Fund A", ["body"] = "For {{tier}} clients", ["risk"] = "R3",
            ["targeting"] = new JsonObject { ["tiers"] = new JsonArray("V2", "V3"), ["stages"] = new JsonArray("S3"), ["tags"] = new JsonArray(), ["segment"] = null },
            ["validFrom"] = "2026-11-01T00:00:00+08:00", ["validTo"] = null, ["priority"] = 60, ["labels"] = new JsonArray("funds"),
        };
        if (itemId is not null)
        {
            item["itemId"] = itemId;
        }

        return item;
    }

    private static JsonObject Benefit(string? benefitId)
    {
        var benefit = new JsonObject
        {
            ["name"] = "Fee waiver", ["kind"] = "service", ["minTier"] = "V2", ["quota"] = new JsonObject { ["count"] = 2, ["period"] = "year" },
            ["active"] = true,
        };
        if (benefitId is not null)
        {
            benefit["benefitId"] = benefitId;
        }

        return benefit;
    }
}
