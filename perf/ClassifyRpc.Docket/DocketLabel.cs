namespace ClassifyRpc.Docket;

/// <summary>
/// What a generated listing carries, enough to compute its verdict on any channel without the engine: the planted
/// mark (none for benign listings), how it was written (<see cref="Kind"/>: exact, obfuscated, fuzzy, benign;
/// <see cref="Transforms"/>: plain, upper, lower, case, dots, spaces, fullwidth, typo:ins|del|sub|swap), the field
/// holding it (title, description, keywords), its order (<see cref="Case"/>) and how the listing's storefront
/// stands to that order (<see cref="Relation"/>: in_scope, out_of_scope, authorized). The generator keeps every
/// other mark out of the listing, so: in_scope on a channel the order enforces gives BLOCK (exact, obfuscated) or
/// the order's fuzzy_verdict (fuzzy); everything else gives ALLOW.
/// </summary>
public sealed record DocketLabel(IReadOnlyList<string> Marks, string Kind, IReadOnlyList<string> Transforms, string? Field, string? Case, string? Relation)
{
    public const string InScope = "in_scope";
    public const string OutOfScope = "out_of_scope";
    public const string Authorized = "authorized";
}
