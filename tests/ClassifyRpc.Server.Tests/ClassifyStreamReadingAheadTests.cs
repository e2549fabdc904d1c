namespace ClassifyRpc.Server.Tests;

/// <summary><see cref="ClassifyStreamTests"/> with every stream reading its next batch while judging the current one.</summary>
public sealed class ClassifyStreamReadingAheadTests : ClassifyStreamTests
{
    protected override int ReadAheadBelowStreams => 1_000;
}
