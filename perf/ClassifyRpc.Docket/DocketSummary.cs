namespace ClassifyRpc.Docket;

/// <summary>What <see cref="DocketGenerator.Write"/> wrote, and where.</summary>
public sealed record DocketSummary(string RegistryFolder, string ListingsFile, int Orders, int Marks, int Works, long Defendants, int Notices, int Listings);
