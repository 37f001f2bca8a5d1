namespace Platform.Gateway.Errors;

/// <summary>
/// A `type` for every problem. ASP.NET Core fills in the RFC 9110 section for the common codes;
/// these are the ones it leaves empty.
/// </summary>
internal static class ProblemTypes
{
    public static string For(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "about:blank",
    };
}
