using System.Net;
using Microsoft.Extensions.Options;

namespace Platform.DevBroker.Hosting;

internal sealed class DevBrokerOptionsValidator : IValidateOptions<DevBrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, DevBrokerOptions options)
    {
        List<string> errors = [];
        if (options.Brokers < 1)
        {
            errors.Add($"{DevBrokerOptions.Section}:Brokers must be at least 1 (was {options.Brokers}).");
        }

        if (options.Partitions < 1)
        {
            errors.Add($"{DevBrokerOptions.Section}:Partitions must be at least 1 (was {options.Partitions}).");
        }

        if (options.Port < 0 || options.Port + Math.Max(options.Brokers, 1) - 1 > IPEndPoint.MaxPort)
        {
            errors.Add($"{DevBrokerOptions.Section}:Port must leave room for {options.Brokers} port(s) below {IPEndPoint.MaxPort + 1}, or be 0 for free ports (was {options.Port}).");
        }

        if (options.BootstrapFile is { } file && string.IsNullOrWhiteSpace(file))
        {
            errors.Add($"{DevBrokerOptions.Section}:BootstrapFile must be a path or absent.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
