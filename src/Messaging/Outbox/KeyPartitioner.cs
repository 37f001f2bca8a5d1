using System.Text;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Where librdkafka's default partitioner (<c>consistent_random</c>, also <c>consistent</c>) puts a keyed message:
/// the CRC-32 of the key's bytes modulo the topic's partition count. The relay only predicts with it, to hold rows of a
/// partition known sick without producing them; it never chooses a partition, so a wrong guess costs a round, not order.
/// </summary>
internal static class KeyPartitioner
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Whether the producer's settings use the partitioner this type mirrors.</summary>
    public static bool Mirrors(IReadOnlyDictionary<string, string> kafkaSettings) =>
        !kafkaSettings.TryGetValue("partitioner", out var partitioner) || partitioner is "consistent_random" or "consistent";

    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitions"/>; null for an empty key (placed at random).</summary>
    public static int? PartitionOf(string key, int partitions) =>
        key.Length == 0 || partitions < 1 ? null : (int)(Crc32(Encoding.UTF8.GetBytes(key)) % (uint)partitions);

    // CRC-32 (IEEE 802.3, reflected, as zlib's crc32 that librdkafka's rd_crc32 is).
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
