namespace Platform.AppHost.Local;

internal static class LocalDevelopment
{
    /// <summary>
    /// The key the gateway signs development tokens with in local mode (POST /v1/dev/tokens), and
    /// that the services check the forwarded tokens with. Not a secret: it is in the repository, so it must never be configured outside local mode.
    /// </summary>
    public const string GatewaySigningKey = "platform-local-mode-only-dev-signing-key-not-a-secret-never-use-outside-local";
}
