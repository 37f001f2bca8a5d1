namespace Platform.DevBroker;

public sealed class EmbeddedKafkaOptions
{
    /// <summary>
    /// First fixed port; broker i listens on Port + i. 0 picks free consecutive ports.
    /// </summary>
    public int Port { get; init; }

    public int Brokers { get; init; } = 1;

    public int Partitions { get; init; } = 6;

    public IReadOnlyList<string> Topics { get; init; } = Platform.Messaging.Topics.All;

    public string Host { get; init; } = "127.0.0.1";
}
