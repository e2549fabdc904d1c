using System.Numerics;

namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// Builds a <see cref="VerifierGraph"/>: one minimal acyclic DFA per sorted word list (<see cref="AddWords"/>),
/// and the deterministic union of several such DFAs (<see cref="Union"/>), every state registered once so
/// equal states are shared by all of them.
/// </summary>
internal sealed class VerifierGraphBuilder
{
    /// <summary>The states' records, as <see cref="VerifierGraph"/> lays them out; a state's id is its offset.</summary>
    private readonly List<int> _records = [];
    private int _stateCount;
    private readonly Dictionary<StateKey, int> _register = new();

    private readonly List<int> _outputStart = [0];
    private readonly List<int> _outputMarks = [];
    private readonly Dictionary<string, int> _outputIds = new(StringComparer.Ordinal);

    // Scratch for Union.
    private readonly Dictionary<string, int> _unions = new(StringComparer.Ordinal);

    public int StateCount => _stateCount;

    /// <summary>The output id of a set of marks (sorted, distinct), interned.</summary>
    public int OutputOf(ReadOnlySpan<int> marks)
    {
        string key = string.Join(',', marks.ToArray());
        if (!_outputIds.TryGetValue(key, out int id))
        {
            id = _outputStart.Count - 1;
            _outputIds.Add(key, id);
            foreach (int m in marks)
            {
                _outputMarks.Add(m);
            }
            _outputStart.Add(_outputMarks.Count);
        }
        return id;
    }

    /// <summary>
    /// The minimal DFA of <paramref name="words"/> (sorted ordinally, distinct), each accepting with
    /// <paramref name="output"/>; returns its root. Incremental construction: only the path of the last word
    /// is open; what lies off it can no longer change and is registered (or replaced by an equal state).
    /// </summary>
    public int AddWords(IReadOnlyList<string> words, int output)
    {
        var path = new List<OpenState> { new() };
        string previous = "";
        foreach (string word in words)
        {
            int common = word.AsSpan().CommonPrefixLength(previous);
            Close(path, common + 1, output);
            for (int k = common; k < word.Length; k++)
            {
                path[^1].OpenSymbol = word[k];
                path.Add(new OpenState());
            }
            path[^1].Final = true;
            previous = word;
        }
        Close(path, 1, output);
        return Register(path[0], output);
    }

    /// <summary>Closes the open states past the first <paramref name="keep"/> of <paramref name="path"/>.</summary>
    private void Close(List<OpenState> path, int keep, int output)
    {
        while (path.Count > keep)
        {
            OpenState state = path[^1];
            path.RemoveAt(path.Count - 1);
            OpenState parent = path[^1];
            parent.Edges.Add((parent.OpenSymbol, Register(state, output)));
        }
    }

    private int Register(OpenState state, int output)
    {
        uint mask = 0;
        var targets = new int[state.Edges.Count];
        for (int e = 0; e < targets.Length; e++)
        {
            mask |= 1u << state.Edges[e].Symbol;
            targets[e] = state.Edges[e].Target;
        }
        return Register(mask, targets, state.Final ? output : -1);
    }

    /// <summary>Registers a state whose edges are <paramref name="targets"/> in symbol order.</summary>
    private int Register(uint mask, int[] targets, int output)
    {
        var key = new StateKey(mask, output, targets);
        if (_register.TryGetValue(key, out int id))
        {
            return id;
        }
        id = _records.Count;
        _records.Add((int)mask);
        _records.Add(output);
        _records.AddRange(targets);
        _stateCount++;
        _register.Add(key, id);
        return id;
    }

    /// <summary>
    /// The deterministic union of the DFAs rooted at <paramref name="roots"/>: a state per set of member states
    /// reached together (product construction), its output the union of theirs. Members diverge within a
    /// few symbols, where the union goes on in a single member's own states.
    /// </summary>
    public int Union(IReadOnlyList<int> roots)
    {
        var set = new List<int>(roots);
        set.Sort();
        Dedup(set);
        return set.Count == 1 ? set[0] : UnionOf(set);
    }

    private int UnionOf(List<int> set)
    {
        string key = string.Join(',', set);
        if (_unions.TryGetValue(key, out int id))
        {
            return id;
        }
        uint mask = 0;
        foreach (int s in set)
        {
            mask |= (uint)_records[s + VerifierGraph.MaskSlot];
        }
        var targets = new int[BitOperations.PopCount(mask)];
        int e = 0;
        for (uint rest = mask; rest != 0; rest &= rest - 1)
        {
            int symbol = BitOperations.TrailingZeroCount(rest);
            var next = new List<int>(set.Count);
            foreach (int s in set)
            {
                int t = Next(s, symbol);
                if (t >= 0)
                {
                    next.Add(t);
                }
            }
            next.Sort();
            Dedup(next);
            targets[e++] = next.Count == 1 ? next[0] : UnionOf(next);
        }
        var marks = new List<int>();
        foreach (int s in set)
        {
            int output = _records[s + VerifierGraph.OutputSlot];
            if (output >= 0)
            {
                for (int i = _outputStart[output]; i < _outputStart[output + 1]; i++)
                {
                    marks.Add(_outputMarks[i]);
                }
            }
        }
        marks.Sort();
        Dedup(marks);
        id = Register(mask, targets, marks.Count == 0 ? -1 : OutputOf(marks.ToArray()));
        _unions[key] = id;
        return id;
    }

    private int Next(int state, int symbol)
    {
        uint mask = (uint)_records[state + VerifierGraph.MaskSlot];
        uint bit = 1u << symbol;
        return (mask & bit) == 0 ? -1 : _records[state + VerifierGraph.FirstTarget + BitOperations.PopCount(mask & (bit - 1))];
    }

    private static void Dedup(List<int> sorted)
    {
        int kept = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            if (kept == 0 || sorted[i] != sorted[kept - 1])
            {
                sorted[kept++] = sorted[i];
            }
        }
        sorted.RemoveRange(kept, sorted.Count - kept);
    }

    public VerifierGraph Build() => new([.. _records], _stateCount, [.. _outputStart], [.. _outputMarks]);

    private sealed class OpenState
    {
        public readonly List<(char Symbol, int Target)> Edges = [];
        public bool Final;
        public char OpenSymbol;
    }

    /// <summary>A state's identity for the register: its output and its edges.</summary>
    private readonly struct StateKey : IEquatable<StateKey>
    {
        private readonly uint _mask;
        private readonly int _output;
        private readonly int[] _targets;
        private readonly int _hash;

        public StateKey(uint mask, int output, int[] targets)
        {
            _mask = mask;
            _output = output;
            _targets = targets;
            var hash = new HashCode();
            hash.Add(mask);
            hash.Add(output);
            foreach (int t in targets)
            {
                hash.Add(t);
            }
            _hash = hash.ToHashCode();
        }

        public bool Equals(StateKey other) =>
            _mask == other._mask && _output == other._output && _targets.AsSpan().SequenceEqual(other._targets);

        public override bool Equals(object? obj) => obj is StateKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
