using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// The anchored automata that verify a fuzzy anchor (<see cref="FuzzyVerifier"/>), all in one graph: acyclic
/// DFAs over symbols, minimized and sharing equivalent states across every mark and anchor (a register of
/// states, as in Daciuk et al.'s incremental construction of minimal acyclic automata). A state is one
/// record in one array, its id the record's offset: its symbol mask, its output, then its edges' targets in
/// symbol order, so a step is a mask test, a popcount and a load from the same record (usually one cache
/// line: a verification mostly steps through states it has never read before).
/// </summary>
/// <remarks>Invariants: states are added children first (an edge always points to an earlier record), and a
/// state with output accepts: the spellings of its output's marks end there.</remarks>
internal sealed class VerifierGraph
{
    public const int Dead = -1;

    /// <summary>Record layout: [mask, output (-1: none), target per set bit of the mask...].</summary>
    internal const int MaskSlot = 0;
    internal const int OutputSlot = 1;
    internal const int FirstTarget = 2;

    private readonly int[] _records;
    private readonly int[] _outputStart;
    private readonly int[] _outputMarks;

    internal VerifierGraph(int[] records, int stateCount, int[] outputStart, int[] outputMarks)
    {
        _records = records;
        StateCount = stateCount;
        _outputStart = outputStart;
        _outputMarks = outputMarks;
    }

    public int StateCount { get; }

    public long MemoryBytes => (long)(_records.Length + _outputStart.Length + _outputMarks.Length) * sizeof(int);

    /// <summary>The state after <paramref name="state"/> on <paramref name="symbol"/>, or <see cref="Dead"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int state, int symbol)
    {
        ref int record = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), state);
        uint mask = (uint)record;
        uint bit = 1u << symbol;
        if ((mask & bit) == 0)
        {
            return Dead;
        }
        return Unsafe.Add(ref record, FirstTarget + BitOperations.PopCount(mask & (bit - 1)));
    }

    /// <summary>The symbols that lead on from <paramref name="state"/>, as a mask.</summary>
    public uint MaskOf(int state) => (uint)_records[state + MaskSlot];

    /// <summary>Whether any symbol leads on from <paramref name="state"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasEdges(int state) => _records[state + MaskSlot] != 0;

    /// <summary>Whether spellings end in <paramref name="state"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accepting(int state) => _records[state + OutputSlot] >= 0;

    /// <summary>The marks whose spellings end in <paramref name="state"/> (empty if none).</summary>
    public ReadOnlySpan<int> Accepts(int state)
    {
        int output = _records[state + OutputSlot];
        return output < 0 ? [] : _outputMarks.AsSpan(_outputStart[output], _outputStart[output + 1] - _outputStart[output]);
    }
}
