using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Platform.Gateway.Downstream;

/// <summary>
/// Forwards the caller's bearer token with every call to a service: the services authenticate
/// the caller themselves (with the same validation settings) instead of taking the gateway's
/// word for its role, so a process that reaches a service without a token gets nothing.
/// </summary>
internal sealed class CallerTokenInterceptor(IHttpContextAccessor http) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithCallerToken(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithCallerToken(context));

    private ClientInterceptorContext<TRequest, TResponse> WithCallerToken<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var authorization = http.HttpContext?.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return context;
        }

        // A copy: the caller's own headers are not ours to change.
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            headers.Add(entry);
        }

        headers.Add("authorization", authorization);
        return new(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
