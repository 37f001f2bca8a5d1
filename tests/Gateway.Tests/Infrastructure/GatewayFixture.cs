[assembly: AssemblyFixture(typeof(Platform.Gateway.Tests.Infrastructure.GatewayFixture))]

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>One fake Onboarding server and one gateway in front of it, shared by the test classes.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private FakeOnboardingServer? onboarding;
    private GatewayFactory? gateway;

    public FakeOnboardingServer Onboarding => onboarding ?? throw new InvalidOperationException("Not started.");

    public GatewayFactory Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        onboarding = await FakeOnboardingServer.StartAsync();
        gateway = GatewayFactory.Create(onboarding.Address);
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (onboarding is not null)
        {
            await onboarding.DisposeAsync();
        }
    }
}
