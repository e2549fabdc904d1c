using System.Runtime.CompilerServices;
using ClassifyRpc.Registry;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// What never changes for a snapshot, flattened into arrays: per mark and per work its case and id, per
/// case whether it has marks and works. Built once per snapshot (O(marks + works)) and kept alongside it
/// for as long as the snapshot lives, so a new day or another channel only costs a new
/// <see cref="DecisionPlan"/> (O(cases)), and calls still running on the previous snapshot after a
/// reload do not rebuild anything.
/// </summary>
internal sealed class SnapshotIndex
{
    private static readonly ConditionalWeakTable<RegistrySnapshot, SnapshotIndex> s_indexes = new();

    private SnapshotIndex(RegistrySnapshot snapshot)
    {
        int caseCount = snapshot.Cases.Count;
        Cases = new Case[caseCount];
        HasMarks = new bool[caseCount];
        HasWorks = new bool[caseCount];
        for (int c = 0; c < caseCount; c++)
        {
            var k = snapshot.Cases[c];
            Cases[c] = k;
            HasMarks[c] = k.Marks.Count > 0;
            HasWorks[c] = k.Works.Count > 0;
        }
        MarkCase = new int[snapshot.Marks.Count];
        MarkIds = new string[MarkCase.Length];
        for (int m = 0; m < MarkCase.Length; m++)
        {
            MarkCase[m] = snapshot.Marks[m].CaseOrdinal;
            MarkIds[m] = snapshot.Marks[m].Id;
        }
        WorkCase = new int[snapshot.Works.Count];
        WorkIds = new string[WorkCase.Length];
        for (int w = 0; w < WorkCase.Length; w++)
        {
            WorkCase[w] = snapshot.Works[w].CaseOrdinal;
            WorkIds[w] = snapshot.Works[w].Id;
        }
    }

    /// <summary>All cases by ordinal.</summary>
    public Case[] Cases { get; }

    /// <summary>By case ordinal: the case has marks / works.</summary>
    public bool[] HasMarks { get; }

    public bool[] HasWorks { get; }

    /// <summary>By mark ordinal (= <c>MarkHit.MarkIndex</c>): its case ordinal.</summary>
    public int[] MarkCase { get; }

    public string[] MarkIds { get; }

    /// <summary>By work ordinal (= <c>ArtworkHit.WorkOrdinal</c>): its case ordinal.</summary>
    public int[] WorkCase { get; }

    public string[] WorkIds { get; }

    public static SnapshotIndex For(RegistrySnapshot snapshot) =>
        s_indexes.GetValue(snapshot, static s => new SnapshotIndex(s));
}
