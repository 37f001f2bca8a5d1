namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// The platform's rule for client ids, which every service's columns hold (the gateway checks only
/// their shape): one number, so that a client id one service accepts fits every other's columns.
/// </summary>
public static class ClientIds
{
    public const int MaxLength = 64;
}
