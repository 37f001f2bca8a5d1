using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.TestWorker;

// Usage: --ConnectionStrings:testdb=... --ConnectionStrings:kafka=... --Worker:Topic=t --Worker:Group=g [--Worker:DelayMs=5]
var builder = WorkerHost.CreateBuilder(args);
var host = builder.Build();
if (int.TryParse(builder.Configuration["Worker:DelayMs"], out var delay))
{
    host.Services.GetRequiredService<HandlerBehaviour>().Delay = TimeSpan.FromMilliseconds(delay);
}

await host.RunAsync();
