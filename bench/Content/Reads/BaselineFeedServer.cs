using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Content.Reads;

/// <summary>
/// The yardstick: a plain Kestrel GET on the feed's route in this process that answers the bytes of a real feed (the
/// median-sized one of a sample read through the gateway), doing nothing else. Same route, same load generator and
/// settings as the gateway, so the ratio shows what auth, gRPC, Redis and the feed cost on top of Kestrel here.
/// </summary>
public static class BaselineFeedServer
{
    public const string Route = "/v1/clients/{clientId}/feed";

    public static Task<PlainKestrel> StartAsync(byte[] feed) => PlainKestrel.StartAsync(
        _ => { },
        app => app.MapGet(Route, (string clientId) => Results.Bytes(feed, "application/json")));
}
