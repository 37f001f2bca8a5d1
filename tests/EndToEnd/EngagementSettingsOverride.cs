using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.EndToEnd;

/// <summary>
/// Engagement's settings (PUT /v1/config/engagement) changed for one test and stored again as they were when it ends:
/// the platform is shared by every end-to-end test. Engagement runs one replica here, the one that answers the PUT, so
/// the change applies at once.
/// </summary>
internal sealed class EngagementSettingsOverride : IAsyncDisposable
{
    private const string Route = "/v1/config/engagement";
    private readonly HttpClient operators;
    private readonly JsonObject before;

    private EngagementSettingsOverride(HttpClient operators, JsonObject before) => (this.operators, this.before) = (operators, before);

    /// <summary>Reads the settings, stores them as <paramref name="change"/> leaves them; <paramref name="operators"/> holds an operator token.</summary>
    public static async Task<EngagementSettingsOverride> ApplyAsync(HttpClient operators, Action<JsonObject> change)
    {
        var before = await operators.GetFromJsonAsync<JsonObject>(Route, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("Engagement answered no settings.");
        var changed = before.DeepClone().AsObject();
        change(changed);
        await PutAsync(operators, changed, TestContext.Current.CancellationToken);
        return new EngagementSettingsOverride(operators, before);
    }

    // Not the test's token: the settings go back even when the test was cancelled.
    public async ValueTask DisposeAsync() => await PutAsync(operators, before, CancellationToken.None);

    private static async Task PutAsync(HttpClient operators, JsonObject settings, CancellationToken cancellationToken)
    {
        var body = settings.DeepClone().AsObject();
        body.Remove("version"); // read-only: each PUT is the next version
        body.Remove("changedAt");
        using var put = await operators.PutAsJsonAsync(Route, body, cancellationToken);
        Assert.True(put.StatusCode == HttpStatusCode.OK, $"PUT {Route} answered {put.StatusCode}: {await put.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
