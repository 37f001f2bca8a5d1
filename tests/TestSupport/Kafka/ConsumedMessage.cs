using System.Text;

namespace Platform.TestSupport.Kafka;

public sealed record ConsumedMessage(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    IReadOnlyList<KeyValuePair<string, byte[]>> Headers,
    byte[] Value)
{
    /// <summary>
    /// The last value of header <paramref name="name"/> as UTF-8 text, or null when absent.
    /// </summary>
    public string? Header(string name) =>
        Headers.LastOrDefault(h => h.Key == name) is { Key: not null } header ? Encoding.UTF8.GetString(header.Value) : null;
}
