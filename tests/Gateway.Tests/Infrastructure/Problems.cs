using System.Text.Json;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Reads an RFC 9457 answer and checks what every problem must have.</summary>
public static class Problems
{
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("type", out _), text);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);          // no stack trace
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        return problem;
    }

    public static async Task<JsonElement> ReadValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ReadProblemAsync(400);
        Assert.True(problem.TryGetProperty("errors", out var errors), problem.ToString());
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}': {problem}");
        Assert.True(messages.GetArrayLength() > 0);
        return problem;
    }
}
