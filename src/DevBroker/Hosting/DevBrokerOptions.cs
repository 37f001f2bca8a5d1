namespace Platform.DevBroker.Hosting;

// Process-mode settings, bound from the "DevBroker" configuration section.
internal sealed class DevBrokerOptions
{
    public const string Section = "DevBroker";

    public int Port { get; set; } = 19092;

    public int Brokers { get; set; } = 1;

    public int Partitions { get; set; } = 6;

    // Where to write the bootstrap address once the brokers listen; deleted on stop.
    public string? BootstrapFile { get; set; }
}
