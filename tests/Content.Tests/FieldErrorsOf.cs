using System.Text.Json;
using Grpc.Core;
using Platform.ServiceDefaults;

namespace Platform.Content.Tests;

internal static class FieldErrorsOf
{
    /// <summary>Runs <paramref name="call"/>, expects InvalidArgument, and returns the named fields with their messages.</summary>
    public static async Task<Dictionary<string, string[]>> InvalidArgumentAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(error.Trailers.GetValueBytes(GrpcFieldErrors.Trailer)!)!;
    }
}
