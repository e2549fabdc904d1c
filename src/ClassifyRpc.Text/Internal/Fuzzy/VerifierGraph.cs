using System.Numerics;
using System.Runtime.CompilerServices;

namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// The anchored automata that verify a fuzzy anchor (<see cref="FuzzyVerifier"/>), all in one graph: acyclic
/// DFAs over symbols, minimized and sharing equivalent states across every mark and anchor (a register of
/// states, as in Daciuk et al.'s incremental construction of minimal acyclic automata). A state's edges
/// are found by its symbol mask: edge k of a state is its k-th set symbol, so a step is a mask test, a
/// popcount and one load, and a state costs 8 bytes plus 4 per edge.
/// </summary>
/// <remarks>Invariants: states are added children first (an edge always points to an earlier state),
/// and a state with output accepts: the spellings of its output's marks end there.</remarks>
internal sealed class VerifierGraph
{
    public const int Dead = -1;

    private readonly uint[] _mask;
    private readonly int[] _firstEdge;
    private readonly int[] _targets;
    private readonly int[] _output;
    private readonly int[] _outputStart;
    private readonly int[] _outputMarks;

    internal VerifierGraph(uint[] mask, int[] firstEdge, int[] targets, int[] output, int[] outputStart, int[] outputMarks)
    {
        _mask = mask;
        _firstEdge = firstEdge;
        _targets = targets;
        _output = output;
        _outputStart = outputStart;
        _outputMarks = outputMarks;
    }

    public int StateCount => _mask.Length;

    public long MemoryBytes => _mask.Length * (long)(sizeof(uint) + sizeof(int) + sizeof(int))
        + (long)_targets.Length * sizeof(int) + (long)(_outputStart.Length + _outputMarks.Length) * sizeof(int);

    /// <summary>The state after <paramref name="state"/> on <paramref name="symbol"/>, or <see cref="Dead"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int state, int symbol)
    {
        uint mask = _mask[state];
        uint bit = 1u << symbol;
        if ((mask & bit) == 0)
        {
            return Dead;
        }
        return _targets[_firstEdge[state] + BitOperations.PopCount(mask & (bit - 1))];
    }

    /// <summary>Whether any symbol leads on from <paramref name="state"/>.</summary>
    public bool HasEdges(int state) => _mask[state] != 0;

    /// <summary>The marks whose spellings end in <paramref name="state"/> (empty if none).</summary>
    public ReadOnlySpan<int> Accepts(int state)
    {
        int output = _output[state];
        return output < 0 ? [] : _outputMarks.AsSpan(_outputStart[output], _outputStart[output + 1] - _outputStart[output]);
    }
}
