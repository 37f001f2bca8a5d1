using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Engagement.Channels;

namespace Platform.Engagement.Tests.Channels;

/// <summary>Engagement's channel registrations alone, with the given configuration and a captured log.</summary>
public static class ChannelHost
{
    public static IHost Build(Dictionary<string, string?> settings, CapturedLogs logs)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddChannels();
        return builder.Build();
    }

    public static OutreachMessage Message(string channel = "sms") =>
        new(Guid.NewGuid(), "M06:c-7:client", "c-7", channel, "welcome-1", "Welcome, Ms Li", "Your account 6222 0000 is ready");
}
