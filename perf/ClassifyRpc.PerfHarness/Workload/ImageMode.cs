namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>What, besides text, the listings of a scenario carry.</summary>
internal enum ImageMode
{
    /// <summary>Title, description and keywords only.</summary>
    None,

    /// <summary>Plus one image given as pdq_hex (hashed once at upload, the cheap path).</summary>
    PdqHex,

    /// <summary>Plus one image given as PNG/JPEG bytes (decoded and hashed by the service).</summary>
    Bytes,
}
