using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Messaging.TestWorker;

/// <summary>Builds the hosts the tests run: a consumer of <see cref="CounterIncremented"/>, an outbox relay, or both.</summary>
public static class WorkerHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var connectionString = builder.Configuration.GetConnectionString("testdb")
            ?? throw new InvalidOperationException("ConnectionStrings:testdb is required.");
        builder.Services.AddSingleton<HandlerBehaviour>();
        // AddOutboxRelay adds the relay's commit signal to these options itself.
        builder.Services.AddDbContext<TestDbContext>(options => options.UseNpgsql(connectionString));

        var messaging = builder.AddMessaging();
        if (builder.Configuration["Worker:Relay"] == "true")
        {
            messaging.AddOutboxRelay<TestDbContext>();
        }

        if (builder.Configuration["Worker:Topic"] is { Length: > 0 } topic)
        {
            var group = builder.Configuration["Worker:Group"] ?? "test-worker";
            if (builder.Configuration["Worker:Batch"] == "true")
            {
                messaging.AddConsumer<TestDbContext>(group, consumer => consumer.HandleInBatches<CounterIncremented, CountingBatchHandler>(topic));
            }
            else
            {
                messaging.AddConsumer<TestDbContext>(group, consumer => consumer.Handle<CounterIncremented, CountingHandler>(topic));
            }
        }

        return builder;
    }
}
