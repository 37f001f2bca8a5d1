using Microsoft.Extensions.Options;

namespace Platform.Messaging;

/// <summary>
/// Checks <c>Messaging:Consumer</c> and every group's settings (its own keys over those), naming the section and key of each
/// bad value: a group's settings are merged, so a value that passes on its own can fail beside a group's other keys.
/// </summary>
internal sealed class ConsumerSettingsValidation : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var errors = Sections(options).SelectMany(section => Errors(section.Path, section.Settings)).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<(string Path, ConsumerOptions Settings)> Sections(MessagingOptions options) =>
        [
            ($"{MessagingOptions.SectionName}:Consumer", options.Consumer),
            .. options.Consumers.Select(group => ($"{MessagingOptions.SectionName}:Consumers:{group.Key}", group.Value)),
        ];

    private static IEnumerable<string> Errors(string path, ConsumerOptions settings)
    {
        if (settings.MaxAttempts < 1)
        {
            yield return $"{path}:MaxAttempts must be at least 1.";
        }

        if (settings.MaxBatch is < 1 or > 10_000)
        {
            yield return $"{path}:MaxBatch must be between 1 and 10000.";
        }

        if (settings.Members is < 1 or > 16)
        {
            yield return $"{path}:Members must be between 1 and 16.";
        }

        if (settings.GroupProtocol is not ("classic" or "consumer"))
        {
            yield return $"{path}:GroupProtocol must be 'classic' or 'consumer'.";
        }

        // An event's retries are never cut short (its attempts would start again after a poll and it would never be
        // dead-lettered), so they must fit in the poll interval beside a batch's time budget (half of it).
        if (settings.RetryWaits * 4 > settings.MaxPollInterval || settings.SessionTimeout > settings.MaxPollInterval)
        {
            yield return $"{path}:MaxPollInterval must be at least four times an event's retry waits (InitialBackoff doubling up to MaxBackoff, "
                + $"MaxAttempts - 1 times: {settings.RetryWaits}) and at least SessionTimeout ({settings.SessionTimeout}); it is {settings.MaxPollInterval}.";
        }
    }
}
