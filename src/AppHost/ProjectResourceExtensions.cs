namespace Platform.AppHost;

internal static class ProjectResourceExtensions
{
    /// <summary>
    /// Serves the project's <c>http</c> endpoint directly (no proxy) on a fixed port, so that
    /// clients reach Kestrel itself at a documented address.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFixedHttpEndpoint(this IResourceBuilder<ProjectResource> project, int port) =>
        project.WithEndpoint("http", endpoint =>
        {
            endpoint.UriScheme = "http";
            endpoint.Port = port;
            endpoint.TargetPort = port;
            endpoint.IsProxied = false;
        });

    /// <summary>
    /// A service's endpoints come from the Kestrel section of its appsettings.json with fixed
    /// ports. With <paramref name="dynamic"/> (tests) they get free ports instead, so that a
    /// test app host can run beside <c>./platform up</c> and beside other tests.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServicePorts(this IResourceBuilder<ProjectResource> project, bool dynamic)
    {
        if (dynamic)
        {
            foreach (var endpoint in project.Resource.Annotations.OfType<EndpointAnnotation>())
            {
                endpoint.Port = null;
            }
        }

        return project;
    }
}
