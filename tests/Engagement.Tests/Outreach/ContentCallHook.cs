namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Runs <see cref="Before"/> (when set) as each of Engagement's calls to Content goes out: something that happens while
/// the decision worker waits for words, between its batch's reads and its recording transaction.
/// </summary>
public sealed class ContentCallHook
{
    public Func<Task>? Before { get; set; }

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

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
