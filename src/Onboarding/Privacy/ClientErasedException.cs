namespace Platform.Onboarding.Privacy;

/// <summary>A step for a client that was erased: refused as unknown (the gRPC adapter answers NotFound, the gateway 404).</summary>
public sealed class ClientErasedException(string clientId) : Exception("The client was erased.")
{
    public string ClientId { get; } = clientId;
}
