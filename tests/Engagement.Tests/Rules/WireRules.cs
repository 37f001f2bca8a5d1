using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.Grpc;

namespace Platform.Engagement.Tests.Rules;

/// <summary>Rules as an operator sends them, for the tests to spoil one field at a time.</summary>
internal static class WireRules
{
    /// <summary>API.md's example rule (M06 with its conditions), valid.</summary>
    public static Rule FirstDeposit(string key = "M06") => new()
    {
        Key = key,
        Name = "first deposit received",
        Stage = "S3",
        Priority = 60,
        Enabled = true,
        Trigger = new RuleTrigger { Event = "activity.deposit" },
        Conditions =
        {
            new RuleCondition { Field = "client.tier", Op = "in", Values = { Value.ForString("V0"), Value.ForString("V1"), Value.ForString("V2") } },
            new RuleCondition { Field = "event.amount", Op = ">=", Value = Value.ForNumber(50000) },
        },
        Once = "client",
        Action = new RuleAction { Channel = "inbox", Content = new RuleContent { Kind = "feature", Tags = { "funding-guide" } } },
    };

    public static RuleCondition Condition(string field, string op, Value? value = null, params Value[] values) =>
        new() { Field = field, Op = op, Value = value, Values = { values } };
}
