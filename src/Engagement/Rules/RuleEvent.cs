using Google.Protobuf.Reflection;
using Platform.Engagement.Facts;

namespace Platform.Engagement.Rules;

/// <summary>
/// An event a rule may name: its name in rules (<c>activity.deposit</c>), the topic it arrives on, its protobuf message,
/// and the fields conditions may put on it (<c>event.amount</c>), derived from the message so they cannot drift from it, plus
/// <c>event.first</c> on a deposit, trade or purchase (<see cref="FirstEventField"/>).
/// </summary>
public sealed record RuleEvent(string Name, string Topic, MessageDescriptor Descriptor)
{
    /// <summary>Each condition-able field (<c>event.&lt;camelCase JSON name&gt;</c>) and its kind.</summary>
    public IReadOnlyDictionary<string, FieldKind> Fields { get; } = FirstEventField.AddTo(Name, EventFields.KindsOf(Descriptor));
}
