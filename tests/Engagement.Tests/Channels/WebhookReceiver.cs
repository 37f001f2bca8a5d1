using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Engagement.Tests.Channels;

/// <summary>
/// A provider's endpoint on a real local Kestrel port: records every request (its exact bytes and headers) and answers
/// the scripted statuses in turn, the last one from then on; a status of 0 never answers (until the caller gives up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly int[] script;
    private int calls;

    private WebhookReceiver(WebApplication app, int[] script)
    {
        this.app = app;
        this.script = script;
    }

    public ConcurrentQueue<(byte[] Body, IHeaderDictionary Headers)> Requests { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(params int[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Not the Kestrel endpoints of Engagement's appsettings.json, which the test's output folder holds.
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build(), script);
        receiver.app.MapPost("/hook", receiver.ReceiveAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        Requests.Enqueue((body.ToArray(), new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value))));
        var status = script[Math.Min(Interlocked.Increment(ref calls) - 1, script.Length - 1)];
        if (status == 0)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
