namespace ClassifyRpc.Decisions.Internal;

/// <summary>How one case sees the storefront of the listing being judged.</summary>
internal enum CaseState : byte
{
    /// <summary>The storefront is an authorized seller: ALLOW for the case, nothing else looked at.</summary>
    Authorized,

    /// <summary>The storefront is outside the case's scope: only a notice can count.</summary>
    OutOfScope,

    /// <summary>Marks and artwork count.</summary>
    InScope,
}
