namespace Platform.Onboarding.Funnel;

/// <summary>A request the funnel cannot take, naming the field at fault; the gRPC adapter makes it InvalidArgument.</summary>
public sealed class FunnelRequestException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;

    public string Reason { get; } = message;
}
