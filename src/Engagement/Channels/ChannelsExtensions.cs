using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Platform.Engagement.Channels;

public static class ChannelsExtensions
{
    public const string SectionName = "Engagement:Channels";

    /// <summary>
    /// A webhook adapter for each channel with Engagement:Channels:&lt;channel&gt;:Webhook:Url (and :Secret), the
    /// recording adapter for the rest. Read at start: a changed provider takes a restart.
    /// </summary>
    public static IHostApplicationBuilder AddChannels(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        foreach (var configured in section.GetChildren().Where(c => !ChannelNames.IsKnown(c.Key)))
        {
            throw new InvalidOperationException($"{SectionName}:{configured.Key} is not a channel ({ChannelNames.List}).");
        }

        foreach (var channel in ChannelNames.All)
        {
            if (section.GetSection($"{channel}:Webhook").Get<WebhookOptions>() is { Url: not null } webhook)
            {
                AddWebhook(builder.Services, channel, webhook);
            }
        }

        builder.Services.AddSingleton(sp => new RecordingChannelAdapter(ChannelNames.All, sp.GetRequiredService<ILogger<RecordingChannelAdapter>>()));
        builder.Services.AddSingleton<ChannelAdapterRegistry>();
        return builder;
    }

    private static void AddWebhook(IServiceCollection services, string channel, WebhookOptions webhook)
    {
        var key = $"{SectionName}:{channel}:Webhook";
        if (!webhook.Url!.IsAbsoluteUri || webhook.Url.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"{key}:Url must be an absolute http(s) URL.");
        }

        if (string.IsNullOrEmpty(webhook.Secret))
        {
            throw new InvalidOperationException($"{key}:Secret is required with a URL: the provider checks the body's signature with it.");
        }

        if (webhook.MaxRetries is < 1 or > 10 || webhook.AttemptTimeout < TimeSpan.FromMilliseconds(10) || webhook.RetryDelay < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{key}: MaxRetries must be 1..10, AttemptTimeout at least 10 ms and RetryDelay not negative.");
        }

        var name = "engagement-webhook-" + channel;
        // Not ServiceDefaults' default handler: this one's timeouts and retries are the channel's own.
#pragma warning disable EXTEXP0001 // experimental API: the documented way to replace the default resilience handler
        services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options => Configure(options, webhook));
#pragma warning restore EXTEXP0001
        services.AddSingleton<IChannelAdapter>(sp => new WebhookChannelAdapter(channel, sp.GetRequiredService<IHttpClientFactory>().CreateClient(name),
            webhook, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookChannelAdapter>>()));
    }

    private static void Configure(HttpStandardResilienceOptions options, WebhookOptions webhook)
    {
        options.AttemptTimeout.Timeout = webhook.AttemptTimeout;
        options.Retry.MaxRetryAttempts = webhook.MaxRetries;
        options.Retry.Delay = webhook.RetryDelay;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.TotalRequestTimeout.Timeout = webhook.TotalTimeout;
        // The breaker's window must cover two attempts (the options' own rule).
        var twoAttempts = webhook.AttemptTimeout * 2;
        options.CircuitBreaker.SamplingDuration = twoAttempts > TimeSpan.FromSeconds(30) ? twoAttempts : TimeSpan.FromSeconds(30);
    }
}
