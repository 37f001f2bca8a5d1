using System.Text.Json;

namespace Platform.Gateway.Errors;

/// <summary>
/// Thrown by the gateway's own JSON converters with a hint that is safe to show the caller (it
/// lists what is allowed, never what was sent). System.Text.Json adds the path.
/// </summary>
internal sealed class WireValueException(string hint) : JsonException(hint)
{
    public string Hint { get; } = hint;
}
