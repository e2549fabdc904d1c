namespace ClassifyRpc.Server.Tests;

/// <summary><see cref="ClassifyStreamTests"/> with every stream reading, judging and writing each batch in turn.</summary>
public sealed class ClassifyStreamInTurnTests : ClassifyStreamTests
{
    protected override int ReadAheadBelowStreams => 1;
}
