using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Gateway.Errors;

/// <summary>Turns binding failures into `errors: {field: [messages]}` without echoing what the caller sent.</summary>
internal static partial class BindingErrors
{
    private const string Body = "body";

    public static Dictionary<string, string[]> FromJson(JsonException exception)
    {
        var field = FieldFromPath(exception.Path);
        var message = exception switch
        {
            WireValueException wire => wire.Hint,
            _ when field == Body => "The request body is not valid JSON.",
            _ => "Not valid JSON here, or a value of the wrong type or out of range.",
        };
        return new() { [field] = [message] };
    }

    /// <summary>Binding failures without a JSON cause name the parameter in the framework's message.</summary>
    public static Dictionary<string, string[]>? FromMessage(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        if (message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return new() { [Body] = ["A JSON request body is required."] };
        }

        var match = ParameterName().Match(message);
        return match.Success ? new() { [match.Groups[1].Value] = ["Missing, or not in the expected format."] } : null;
    }

    /// <summary>`$.attempt` names the field `attempt`, `$.events[3].amount` names `events[3].amount`, `$` the body.</summary>
    public static string FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? Body
        : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path.TrimStart('$');

    [GeneratedRegex("parameter \"(?:[^\" ]+ )?([^\" ]+)\"")]
    private static partial Regex ParameterName();
}
