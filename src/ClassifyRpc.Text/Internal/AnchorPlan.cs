namespace ClassifyRpc.Text.Internal;

/// <summary>The pieces <see cref="AnchorPieces"/> chose, as <see cref="AnchorFilter"/> reads them.</summary>
/// <param name="Tables">
/// <c>Tables[j][c]</c> holds bit b when ASCII code unit c may sit j code units before the anchor of a
/// piece of bucket b (j = 0: the anchor itself, the first code unit of the piece's last symbol).
/// </param>
/// <param name="Leads">Per bucket: the most symbols a spelling its pieces cover has before the piece's
/// first occurrence's last symbol (how many symbol runs back the match may begin that such an anchor
/// answers for).</param>
/// <param name="Rate">Estimated share of English code units flagged.</param>
/// <param name="Pieces">Number of pieces chosen (buckets may hold several).</param>
internal sealed record AnchorPlan(byte[][] Tables, int[] Leads, double Rate, int Pieces);
