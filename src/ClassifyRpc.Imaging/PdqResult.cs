namespace ClassifyRpc.Imaging;

/// <summary>A PDQ hash with its quality (0-100); below 50 the reference calls a hash unreliable.</summary>
public readonly record struct PdqResult(PdqHash Hash, int Quality);
