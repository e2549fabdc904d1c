namespace ClassifyRpc.Registry;

/// <summary>A plaintiff's notice naming one listing (a row of a case's notices_file).</summary>
public sealed record Notice(string ListingId, DateOnly Received, string Reference);
