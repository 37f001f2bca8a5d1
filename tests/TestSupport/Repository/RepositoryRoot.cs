using System.Diagnostics;

namespace Platform.TestSupport.Repository;

/// <summary>The checkout the tests were built from, for tests that read the project's own files.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new UnreachableException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }
}
