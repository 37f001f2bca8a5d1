using System.Globalization;

namespace Platform.Bench.Common;

/// <summary>A benchmark's options: "--name value" pairs over defaults, or the usage for -h/--help.</summary>
public static class CommandLine
{
    /// <param name="apply">The options with one more pair applied; null when the name is unknown or the value out of range.</param>
    /// <returns>Null when help was asked for (the usage has been printed) or an argument is wrong (printed with the usage).</returns>
    public static T? Parse<T>(IReadOnlyList<string> args, T defaults, string bench, string usage, Func<T, string, string, T?> apply) where T : class
    {
        var options = defaults;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                Console.WriteLine(usage);
                return null;
            }

            if (i + 1 >= args.Count)
            {
                return Fail<T>(bench, usage, $"{name} needs a value");
            }

            var value = args[++i];
            options = apply(options, name, value) ?? Fail<T>(bench, usage, $"unknown option or value out of range: {name} {value}");
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }

    /// <summary>A whole number, or null.</summary>
    public static int? Number(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Prints the problem and the usage; null, for the caller to return.</summary>
    public static T? Fail<T>(string bench, string usage, string problem) where T : class
    {
        Console.Error.WriteLine($"bench {bench}: {problem}\n\n{usage}");
        return null;
    }
}
