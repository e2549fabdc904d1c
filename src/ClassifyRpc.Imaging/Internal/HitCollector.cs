namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// Keeps one <see cref="ArtworkHit"/> per work (the smallest distance) in the caller's list, from
/// <c>start</c> on. A probe within reach of a few works is the common case, so a linear look through the
/// hits appended so far wins; past a handful of works a dictionary takes over.
/// </summary>
internal struct HitCollector
{
    private const int LinearLimit = 16;
    private readonly List<ArtworkHit> _hits;
    private readonly int _start;
    private Dictionary<int, int>? _positions;

    public HitCollector(List<ArtworkHit> hits)
    {
        _hits = hits;
        _start = hits.Count;
    }

    public void Add(int work, int distance)
    {
        List<ArtworkHit> hits = _hits;
        if (_positions is null)
        {
            for (int i = _start; i < hits.Count; i++)
            {
                if (hits[i].WorkOrdinal == work)
                {
                    if (distance < hits[i].Distance)
                    {
                        hits[i] = new ArtworkHit(work, distance);
                    }
                    return;
                }
            }
            hits.Add(new ArtworkHit(work, distance));
            if (hits.Count - _start > LinearLimit)
            {
                _positions = new Dictionary<int, int>();
                for (int i = _start; i < hits.Count; i++)
                {
                    _positions[hits[i].WorkOrdinal] = i;
                }
            }
            return;
        }

        if (_positions.TryGetValue(work, out int position))
        {
            if (distance < hits[position].Distance)
            {
                hits[position] = new ArtworkHit(work, distance);
            }
        }
        else
        {
            _positions[work] = hits.Count;
            hits.Add(new ArtworkHit(work, distance));
        }
    }
}
