using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Messaging.Consuming;
using Platform.Messaging.Outbox;
using Platform.Messaging.Producing;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the messaging layer: Kafka clients, outbox relay, consumers, readiness.</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// Adds the Kafka client factory, the shared publisher (<see cref="IEventPublisher"/>), the
    /// outbox signal and a Kafka readiness check. Reads <c>ConnectionStrings:kafka</c> and the
    /// <c>Messaging</c> section.
    /// </summary>
    public static MessagingBuilder AddMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName)
            // A group's own section overrides Messaging:Consumer key by key, so that a section raising one setting keeps the
            // shared ones (Members, the local mode's GroupProtocol) instead of the code's defaults.
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                foreach (var group in configuration.GetSection($"{MessagingOptions.SectionName}:Consumers").GetChildren())
                {
                    var merged = o.Consumer.Copy();
                    group.Bind(merged);
                    o.Consumers[group.Key] = merged;
                }
            })
            .Validate(o => o.Outbox.BatchSize is > 0 and <= 10_000, "Messaging:Outbox:BatchSize must be between 1 and 10000.")
            .Validate(o => o.Outbox.MaxAttempts > 0, "Messaging:Outbox:MaxAttempts must be at least 1.")
            .Validate(o => o.Outbox.VacuumAfterRows >= 0, "Messaging:Outbox:VacuumAfterRows must not be negative (0 leaves the outbox to autovacuum).")
            .Validate(o => !o.Kafka.ContainsKey("max.poll.interval.ms"),
                "Set Messaging:Consumer:MaxPollInterval (or a group's), not Messaging:Kafka:max.poll.interval.ms: the consumer sizes its batches' time by it.")
            // A stopping relay finishes its claimed batch, waiting up to DeliveryTimeout; past the host's shutdown timeout
            // the process would exit mid-batch and the next relay would publish the batch again.
            .Validate<IOptions<HostOptions>>((o, host) => o.DeliveryTimeout > TimeSpan.Zero && o.DeliveryTimeout < host.Value.ShutdownTimeout,
                "Messaging:DeliveryTimeout must be positive and shorter than the host's shutdown timeout (HostOptions:ShutdownTimeout, 30 s by default).")
            .Validate(o => o.Linger >= TimeSpan.Zero && o.Linger <= TimeSpan.FromSeconds(1), "Messaging:Linger must be between 0 and 1 second.")
            .ValidateOnStart();
        // The consumers' settings, each bad value named by its section (Messaging:Consumer or the group's).
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, ConsumerSettingsValidation>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KafkaClientFactory>();
        builder.Services.TryAddSingleton<SharedProducer>();
        builder.Services.TryAddSingleton<IEventPublisher>(sp => sp.GetRequiredService<SharedProducer>());
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<ConsumerStatus>();
        builder.Services.TryAddScoped<AfterCommit>();
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration("kafka", sp => new KafkaHealthCheck(sp.GetRequiredService<SharedProducer>()),
                HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(3)))
            .Add(new HealthCheckRegistration("kafka-consumers", sp => sp.GetRequiredService<ConsumerStatus>(),
                HealthStatus.Unhealthy, ["ready"]));
        return new MessagingBuilder(builder);
    }
}

/// <summary>Adds the relay and consumers of one service.</summary>
public sealed class MessagingBuilder(IHostApplicationBuilder builder)
{
    /// <summary>The application builder.</summary>
    public IHostApplicationBuilder Builder { get; } = builder;

    /// <summary>
    /// Publishes the outbox of <typeparamref name="TContext"/>'s database (see <see cref="OutboxRelay{TContext}"/>), and
    /// adds <see cref="OutboxSignal"/> to the context's options so that every commit wakes the relay at once. Register the
    /// context itself with <c>AddDbContext</c> or <c>AddDbContextPool</c> (before or after: EF Core applies this then).
    /// </summary>
    public MessagingBuilder AddOutboxRelay<TContext>() where TContext : DbContext
    {
        // Singleton like a pooled context's options: scoped, a pool's options (a singleton) could not resolve it.
        Builder.Services.ConfigureDbContext<TContext>(
            (services, options) => options.AddInterceptors(services.GetRequiredService<OutboxSignal>()), ServiceLifetime.Singleton);
        Builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return this;
    }

    /// <summary>
    /// Adds a consumer group whose handlers work in <typeparamref name="TContext"/>'s database,
    /// where its inbox lives.
    /// </summary>
    public MessagingBuilder AddConsumer<TContext>(string group, Action<ConsumerRegistrations> configure) where TContext : DbContext
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        var registrations = new ConsumerRegistrations(Builder.Services);
        configure(registrations);
        if (registrations.Items.Count == 0)
        {
            throw new InvalidOperationException($"Consumer group '{group}' handles no event.");
        }

        // A batch holds any of the group's events in consumption order, so one handler must take them all.
        if (registrations.Items.Select(r => r.BatchHandler).Distinct().Count() > 1)
        {
            throw new InvalidOperationException(
                $"Consumer group '{group}' mixes handlers: a group that handles in batches has one batch handler for all its events.");
        }

        Builder.Services.AddSingleton<IHostedService>(sp => new ConsumerMembers(
            [.. Enumerable.Range(0, sp.GetRequiredService<IOptions<MessagingOptions>>().Value.ConsumerFor(group).Members).Select(member => Member(sp, member))]));
        return this;

        ConsumerHost<TContext> Member(IServiceProvider sp, int member)
        {
            var options = sp.GetRequiredService<IOptions<MessagingOptions>>().Value;
            return new ConsumerHost<TContext>(group + options.ConsumerGroupSuffix, member, registrations.Items,
                sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<KafkaClientFactory>(),
                sp.GetRequiredService<SharedProducer>(), options.ConsumerFor(group),
                sp.GetRequiredService<ConsumerStatus>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ConsumerHost<TContext>>>());
        }
    }
}

/// <summary>The events one consumer group handles.</summary>
public sealed class ConsumerRegistrations(IServiceCollection services)
{
    internal List<HandlerRegistration> Items { get; } = [];

    /// <summary>Handles <typeparamref name="TEvent"/> (matched by its protobuf name in the <c>event-type</c> header) from <paramref name="topic"/>.</summary>
    public ConsumerRegistrations Handle<TEvent, THandler>(string topic)
        where TEvent : class, IMessage<TEvent>, new()
        where THandler : class, IEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        Items.Add(new HandlerRegistration<TEvent, THandler>(topic));
        return this;
    }

    /// <summary>
    /// Handles <typeparamref name="TEvent"/> from <paramref name="topic"/> in batches of the group's events, one transaction
    /// per batch (<see cref="IEventBatchHandler"/>); every event of the group must then go to the same batch handler.
    /// </summary>
    public ConsumerRegistrations HandleInBatches<TEvent, THandler>(string topic)
        where TEvent : class, IMessage<TEvent>, new()
        where THandler : class, IEventBatchHandler
    {
        services.TryAddScoped<THandler>();
        Items.Add(new BatchHandlerRegistration<TEvent, THandler>(topic));
        return this;
    }
}
