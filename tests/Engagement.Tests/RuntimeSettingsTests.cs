using System.Text.Json.Nodes;

namespace Platform.Engagement.Tests;

/// <summary>Runtime settings the service's process starts with (its runtimeconfig.json, which the build copies beside the tests).</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void IdleThreadPoolWorkersBlockInsteadOfSpinning()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Engagement.runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;

        // The benchmark measured the spinning as CPU the database on the same cores needed (Engagement.csproj says why).
        Assert.Equal("0", properties["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]?.ToString());
    }
}
