using Confluent.Kafka;

namespace Platform.DevBroker.Tests;

internal static class Clients
{
    public static IProducer<string, byte[]> Producer(string bootstrapServers, int messageTimeoutMs = 120_000) =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = messageTimeoutMs,
            LingerMs = 5,
        }).Build();

    public static IAdminClient Admin(string bootstrapServers) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();

    public static Message<string, byte[]> Message(string key, string value, params (string Name, string Value)[] headers)
    {
        var message = new Message<string, byte[]> { Key = key, Value = System.Text.Encoding.UTF8.GetBytes(value), Headers = [] };
        foreach (var (name, headerValue) in headers)
        {
            message.Headers.Add(name, System.Text.Encoding.UTF8.GetBytes(headerValue));
        }

        return message;
    }
}
