namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Runs <see cref="Before"/> (when set) as each of Engagement's calls to Content goes out: something that happens while
/// the decision worker waits for words, between its batch's reads and its recording transaction.
/// </summary>
public sealed class ContentCallHook
{
    public Func<Task>? Before { get; set; }

    /// <summary>Runs (when set) as each call goes out, given the client the words are for.</summary>
    public Func<string, Task>? BeforeClient { get; set; }

    /// <summary>A handler running the hook, then the call, through <paramref name="inner"/>.</summary>
    public DelegatingHandler Around(HttpMessageHandler inner) => new Handler(this) { InnerHandler = inner };

    private sealed class Handler(ContentCallHook hook) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (hook.Before is { } before)
            {
                await before();
            }

            if (hook.BeforeClient is { } beforeClient)
            {
                await beforeClient((await SelectContentRequests.ReadAsync(request, cancellationToken)).ClientId);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
