namespace ClassifyRpc.PerfHarness.Scenarios;

internal enum ScenarioKind
{
    /// <summary>ClassifyStream: pipelined batches on long-lived bidirectional streams.</summary>
    Stream,

    /// <summary>Unary Classify at a fixed number of outstanding calls.</summary>
    Unary,

    /// <summary>Unary ClassifyQuery at a fixed number of outstanding calls.</summary>
    Query,
}
