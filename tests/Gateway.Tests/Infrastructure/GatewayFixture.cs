using Platform.TestSupport.Kafka;

[assembly: AssemblyFixture(typeof(Platform.Gateway.Tests.Infrastructure.GatewayFixture))]

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// One fake Onboarding server, one fake Tiering server, one fake Content server, one in-process DevBroker and one gateway in front of them, shared by
/// the test classes. Tests on the broker use client ids of their own: the topics are shared.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private FakeOnboardingServer? onboarding;
    private FakeTieringServer? tiering;
    private FakeContentServer? content;
    private FakeEngagementServer? engagement;
    private DevBrokerFixture? kafka;
    private GatewayFactory? gateway;

    public FakeOnboardingServer Onboarding => onboarding ?? throw new InvalidOperationException("Not started.");

    public FakeTieringServer Tiering => tiering ?? throw new InvalidOperationException("Not started.");

    public FakeContentServer Content => content ?? throw new InvalidOperationException("Not started.");

    public FakeEngagementServer Engagement => engagement ?? throw new InvalidOperationException("Not started.");

    public DevBrokerFixture Kafka => kafka ?? throw new InvalidOperationException("Not started.");

    public GatewayFactory Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        onboarding = await FakeOnboardingServer.StartAsync();
        tiering = await FakeTieringServer.StartAsync();
        content = await FakeContentServer.StartAsync();
        engagement = await FakeEngagementServer.StartAsync();
        kafka = new DevBrokerFixture();
        await kafka.InitializeAsync();
        gateway = GatewayFactory.Create(onboarding.Address, kafka.BootstrapServers,
            settings =>
            {
                settings[GatewayFactory.TieringAddressKey] = tiering.Address.ToString();
                settings[GatewayFactory.ContentAddressKey] = content.Address.ToString();
                settings[FakeEngagementServer.AddressKey] = engagement.Address.ToString();
            });
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (kafka is not null)
        {
            await kafka.DisposeAsync();
        }

        if (onboarding is not null)
        {
            await onboarding.DisposeAsync();
        }

        if (tiering is not null)
        {
            await tiering.DisposeAsync();
        }

        if (content is not null)
        {
            await content.DisposeAsync();
        }

        if (engagement is not null)
        {
            await engagement.DisposeAsync();
        }
    }
}
