namespace Platform.Content.Privacy;

/// <summary>A write for a client that was erased: refused as unknown (the gRPC adapters answer NotFound, the gateway 404).</summary>
public sealed class ClientErasedException() : Exception("The client was erased.");
