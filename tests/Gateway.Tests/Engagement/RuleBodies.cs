using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>A well-formed rule body (the fuzz passes' start, see ValidBodies): API.md's M06 example with an absence.</summary>
public static class RuleBodies
{
    public static JsonObject Valid(string? key)
    {
        var rule = new JsonObject
        {
            ["name"] = "first deposit received",
            ["stage"] = "S3",
            ["priority"] = 60,
            ["trigger"] = new JsonObject { ["event"] = "activity.deposit" },
            ["absence"] = new JsonObject { ["event"] = "activity.trade", ["within"] = "P7D" },
            ["conditions"] = new JsonArray(
                new JsonObject { ["field"] = "client.tier", ["op"] = "in", ["values"] = new JsonArray("V0", "V1", "V2") },
                new JsonObject { ["field"] = "event.amount", ["op"] = ">=", ["value"] = 50000 }),
            ["once"] = "client",
            ["action"] = new JsonObject { ["channel"] = "inbox", ["content"] = new JsonObject { ["kind"] = "feature", ["tags"] = new JsonArray("funding-guide") } },
        };
        if (key is not null)
        {
            rule["key"] = key;
        }

        return rule;
    }
}
