using System.Runtime.CompilerServices;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Builds the Aho-Corasick automaton of a set of collapsed spellings as one dense DFA: a row of
/// <see cref="Stride"/> transitions per state (one per symbol, plus a last column that leaves the state
/// unchanged, for separators and ignored characters). A state's id is its row's byte offset in the
/// table (<see cref="RowBytes"/> per row), so a step is one load whose address needs no scaling
/// (<see cref="Next(ref int, int, int)"/>).
/// Repeats collapse inside the DFA: a state reached by symbol x stays put on another x, so the DFA can
/// also run on the uncollapsed symbol stream.
/// </summary>
internal static class DfaBuilder
{
    /// <summary>Symbols plus the "nothing happened" column.</summary>
    public const int Stride = Symbols.Count + 1;

    /// <summary>The column that maps every state to itself.</summary>
    public const int NoOp = Symbols.Count;

    /// <summary>Bytes per state's row: a state's id is its row's byte offset. Every loop of the scan waits
    /// at each step for the load of the next state, and a load whose index is scaled (an id counted in
    /// table entries) took a cycle longer here than one whose index is a byte offset (4.9 against 4.2
    /// cycles per dependent load).</summary>
    public const int RowBytes = Stride * sizeof(int);

    /// <summary>A state's number (its row, from 0): the index of the tables kept per state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Number(int state) => state / RowBytes;

    /// <summary>The state after <paramref name="state"/> on <paramref name="column"/>, from a table
    /// <see cref="Build"/> made (bounds checked: for the loops that are not hot).</summary>
    public static int Next(int[] transitions, int state, int column) => transitions[(state >> 2) + column];

    /// <summary>The state after <paramref name="state"/> on <paramref name="column"/>, from the table that
    /// starts at <paramref name="transitions"/>. The column's address first, then the state's row in it:
    /// the column is known long before the state is, so the state's chain from one step to the next is
    /// the load alone. Unsigned offsets: no sign extension on the chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Next(ref int transitions, int state, int column) =>
        Unsafe.As<byte, int>(ref Unsafe.Add(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref transitions, (uint)column)), (uint)state));

    private static int CountTrieNodes(IReadOnlyList<string> spellings)
    {
        var sorted = new string[spellings.Count];
        for (int i = 0; i < sorted.Length; i++)
        {
            sorted[i] = spellings[i];
        }
        Array.Sort(sorted, StringComparer.Ordinal);
        int nodes = 1;
        string previous = "";
        foreach (string s in sorted)
        {
            nodes += s.Length - s.AsSpan().CommonPrefixLength(previous);
            previous = s;
        }
        return nodes;
    }

    public static Dfa Build(IReadOnlyList<string> spellings) => Build(spellings, MarkLimits.ScanMaxStates);

    /// <summary>Builds the DFA; throws <see cref="AutomatonLimitException"/> before allocating anything when
    /// the spellings need more than <paramref name="maxStates"/> states.</summary>
    public static Dfa Build(IReadOnlyList<string> spellings, int maxStates)
    {
        // 1. Trie, dense children (0 = none: the root is nobody's child) built straight into what becomes
        //    the transition table, sized exactly up front (no growing and copying tens of megabytes):
        //    in sorted order, each spelling adds one node per symbol past its common prefix with the
        //    previous one.
        int nodes = CountTrieNodes(spellings);
        // Ids (byte offsets) must stay below 2^30: the scan uses the bit above as a flag (ScanMaxStates).
        int limit = Math.Min(maxStates, MarkLimits.ScanMaxStates);
        if (nodes > limit)
        {
            throw new AutomatonLimitException("automaton states", nodes, limit);
        }
        var table = new int[nodes * Stride];
        var own = new int[nodes];
        own.AsSpan().Fill(-1);
        var lastSymbol = new byte[nodes];
        int created = 1;
        for (int p = 0; p < spellings.Count; p++)
        {
            int node = 0;
            foreach (char c in spellings[p])
            {
                int slot = node * Stride + c;
                int child = table[slot];
                if (child == 0)
                {
                    child = created++;
                    table[slot] = child;
                    lastSymbol[child] = (byte)c;
                }
                node = child;
            }
            own[node] = p;
        }

        // 2. Failure links breadth first, completing every row into a DFA row.
        var fail = new int[nodes];
        var outputLink = new int[nodes];
        var queue = new int[nodes];
        int head = 0, tail = 0;
        outputLink[0] = -1;
        for (int a = 0; a < Symbols.Count; a++)
        {
            int child = table[a];
            if (child != 0)
            {
                fail[child] = 0;
                queue[tail++] = child;
            }
        }
        table[NoOp] = 0;

        while (head < tail)
        {
            int u = queue[head++];
            int f = fail[u];
            outputLink[u] = own[f] >= 0 ? f : outputLink[f];
            int row = u * Stride;
            int failRow = f * Stride;
            for (int a = 0; a < Symbols.Count; a++)
            {
                int child = table[row + a];
                if (child == 0)
                {
                    table[row + a] = table[failRow + a];
                }
                else
                {
                    fail[child] = table[failRow + a];
                    queue[tail++] = child;
                }
            }
            table[row + NoOp] = u;
        }

        // 3. Collapse: a repeated symbol leaves a state where it is. Spellings are collapsed, so no
        //    state has a child on its own last symbol.
        for (int u = 1; u < nodes; u++)
        {
            table[u * Stride + lastSymbol[u]] = u;
        }

        // 4. Renumber so states with output come last: the scan loop tests "state >= threshold" to know
        //    whether anything may have matched, one compare per character. The root stays 0 (it has no
        //    output: spellings are never empty). Within each group, breadth first (the queue's order):
        //    the shallow states, where the scan spends nearly all its time, share a few kilobytes of
        //    table instead of being spread over the whole of it (a cache miss per step otherwise).
        var newId = new int[nodes];
        int next = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int q = -1; q < tail; q++)
            {
                int u = q < 0 ? 0 : queue[q];
                bool output = own[u] >= 0 || outputLink[u] >= 0;
                if (output == (pass == 1))
                {
                    newId[u] = next++;
                }
            }
        }
        int firstAccepting = nodes;
        for (int u = 0; u < nodes; u++)
        {
            if (own[u] >= 0 || outputLink[u] >= 0)
            {
                firstAccepting = Math.Min(firstAccepting, newId[u]);
            }
        }

        // 5. Renumber in place, each id its row's byte offset (the table is the largest thing built: tens of
        //    megabytes for 100,000 marks, so no second copy): targets first, then rows moved along the
        //    cycles of the permutation.
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = newId[table[i]] * RowBytes;
        }
        var oldOf = new int[nodes];
        for (int u = 0; u < nodes; u++)
        {
            oldOf[newId[u]] = u;
        }
        var placed = new bool[nodes];
        Span<int> saved = stackalloc int[Stride];
        for (int start = 0; start < nodes; start++)
        {
            if (placed[start])
            {
                continue;
            }
            // Position `start` takes the row of oldOf[start], whose position takes the row of its
            // oldOf, ... until the cycle comes back to `start`, whose own row was saved first.
            table.AsSpan(start * Stride, Stride).CopyTo(saved);
            int position = start;
            while (true)
            {
                placed[position] = true;
                int source = oldOf[position];
                if (source == start)
                {
                    saved.CopyTo(table.AsSpan(position * Stride, Stride));
                    break;
                }
                table.AsSpan(source * Stride, Stride).CopyTo(table.AsSpan(position * Stride, Stride));
                position = source;
            }
        }
        int[] transitions = table;
        var ownPattern = new int[nodes];
        var link = new int[nodes];
        for (int u = 0; u < nodes; u++)
        {
            ownPattern[newId[u]] = own[u];
            link[newId[u]] = outputLink[u] < 0 ? -1 : newId[outputLink[u]];
        }
        return new Dfa(transitions, ownPattern, link, nodes, firstAccepting * RowBytes);
    }

    /// <summary>
    /// Per state number: its depth, the length of the spelling prefix it stands for. Breadth first over
    /// the completed DFA from the root: a transition reads one symbol and lands on the longest suffix
    /// of the prefix plus that symbol (never deeper than one more), and the trie's own edges reach
    /// every state at its depth, so the distance from the root is the depth.
    /// </summary>
    public static int[] Depths(Dfa dfa)
    {
        int[] t = dfa.Transitions;
        var depth = new int[dfa.StateCount];
        depth.AsSpan().Fill(-1);
        var queue = new int[dfa.StateCount];
        int head = 0, tail = 0;
        depth[0] = 0;
        queue[tail++] = 0;
        while (head < tail)
        {
            int u = queue[head++];
            int row = u * Stride;
            for (int a = 0; a < Symbols.Count; a++)
            {
                int v = Number(t[row + a]);
                if (depth[v] < 0)
                {
                    depth[v] = depth[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
        return depth;
    }
}
