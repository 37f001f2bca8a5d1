using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Gateway.Tests.Infrastructure;
using Platform.TestSupport.Processes;

namespace Platform.Gateway.Tests.OpenApi;

/// <summary>
/// The served document passes Redocly's `recommended` rules, checked by shared/tools/openapi-lint
/// (an independent implementation of the spec's rules). The tool installs @redocly/cli with npm
/// on its first run (the machine image has node and npm), so a fresh CI machine needs nothing more.
/// </summary>
public sealed class OpenApiLintTests(GatewayFixture fixture)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(5);   // the first run installs the CLI

    [Fact]
    public async Task TheDocumentPassesRedoclysRecommendedRules()
    {
        var ct = TestContext.Current.CancellationToken;
        // The address ./platform up serves: the test host's own (localhost) is one Redocly warns about.
        using var client = fixture.Gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://127.0.0.1:8080") });
        var document = Path.Combine(Path.GetTempPath(), $"gateway-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/openapi/v1.json", ct), ct);
        try
        {
            var (exitCode, output) = await LintAsync(document, ct);

            Assert.True(exitCode == 0, $"openapi-lint exited with {exitCode}:\n{output}");
            Assert.DoesNotContain(" warning ", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(document);
        }
    }

    private static async Task<(int ExitCode, string Output)> LintAsync(string document, CancellationToken cancellationToken)
    {
        // The workspace's shared tool when it lies beside the repository, else the repository's own runner of the
        // same pinned CLI (a clone elsewhere, e.g. CI's): the test never depends on where the clone was made.
        var shared = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "tools", "openapi-lint"));
        var tool = File.Exists(shared) ? shared : Path.Combine(RepositoryRoot(), "tests", "Gateway.Tests", "OpenApi", "redocly-lint.sh");
        Assert.True(File.Exists(tool), $"The lint tool is missing at {tool}.");
        var output = new StringBuilder();
        using var process = ChildProcess.Start(tool, [document, "recommended"], user: null, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ToolTimeout);
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();   // the output's last lines
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new UnreachableException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }
}
