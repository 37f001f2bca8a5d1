using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Engagement;

/// <summary>One condition: `event.<field>` of the trigger or `client.<field>`, an operator, and `value` or (for in and not_in) `values`.</summary>
public sealed class RuleConditionBody
{
    public string? Field { get; init; }

    /// <summary>= != &gt; &gt;= &lt; &lt;= in not_in exists (which ones apply depends on the field's kind).</summary>
    public string? Op { get; init; }

    /// <summary>A string, a number or a boolean as the field's kind wants; for exists, true or false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Value { get; init; }

    /// <summary>For in and not_in: 1 to 50 values.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JsonElement>? Values { get; init; }
}
