using ClassifyRpc.Registry;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>A notice of one case, filed under the listing it names.</summary>
internal readonly record struct CaseNotice(int Case, Notice Notice);
