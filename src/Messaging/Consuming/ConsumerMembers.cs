using Microsoft.Extensions.Hosting;

namespace Platform.Messaging.Consuming;

/// <summary>
/// The members of one consumer group that a process runs (<see cref="ConsumerOptions.Members"/>), started and stopped
/// together as one hosted service: how many is configuration, read only once the host is built.
/// </summary>
internal sealed class ConsumerMembers(IReadOnlyList<BackgroundService> members) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.WhenAll(members.Select(m => m.StartAsync(cancellationToken)));

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(members.Select(m => m.StopAsync(cancellationToken)));

    public void Dispose()
    {
        foreach (var member in members)
        {
            member.Dispose();
        }
    }
}
