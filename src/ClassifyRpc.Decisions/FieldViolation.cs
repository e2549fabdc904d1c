namespace ClassifyRpc.Decisions;

/// <summary>A bad field of a request, named by its path in the contract (e.g. <c>listing.listing_id</c>,
/// <c>listing.images[2].content</c>), for google.rpc.BadRequest.</summary>
public readonly record struct FieldViolation(string Field, string Description);
