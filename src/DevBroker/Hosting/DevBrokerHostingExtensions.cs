using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.DevBroker.Hosting;

internal static class DevBrokerHostingExtensions
{
    // Runs a DevBroker while the host runs, configured from the "DevBroker" section.
    public static IHostApplicationBuilder AddDevBroker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DevBrokerOptions>().BindConfiguration(DevBrokerOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DevBrokerOptions>, DevBrokerOptionsValidator>();
        builder.Services.AddHostedService<DevBrokerService>();
        return builder;
    }
}
