namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// How many state-changing calls a fake server accepted (a step recorded, a definition, table or
/// benefit stored, a redemption made): the fuzz test checks that no rejected request added one.
/// </summary>
public sealed class StateChanges
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Add() => Interlocked.Increment(ref count);
}
