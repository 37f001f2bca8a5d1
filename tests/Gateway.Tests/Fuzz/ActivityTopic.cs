using Confluent.Kafka;
using Platform.Messaging;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>How many messages activity.events holds: the sum of its partitions' high watermarks (the broker is the fuzz test's own).</summary>
public static class ActivityTopic
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static long MessageCount(string bootstrapServers)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var topic = admin.GetMetadata(Topics.ActivityEvents, Timeout).Topics.Single();
        if (topic.Error.IsError)
        {
            throw new InvalidOperationException($"{Topics.ActivityEvents} is not available: {topic.Error.Reason}");
        }

        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "fuzz-count" }).Build();
        return topic.Partitions.Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(Topics.ActivityEvents, p.PartitionId), Timeout).High.Value);
    }
}
