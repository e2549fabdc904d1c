using ClassifyRpc.Registry;
using ClassifyRpc.V1;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Decisions;

/// <summary>
/// The decision rules of DESIGN.md over one registry snapshot, straight on the contract's messages
/// (no copies of listing text). Thread-safe; scratch state is per thread.
/// </summary>
public sealed class ListingClassifier
{
    public ListingClassifier(Imaging.ImageProber prober, TimeProvider clock, ClassifierLimits limits)
    {
        Prober = prober;
        Clock = clock;
        Limits = limits;
    }

    public Imaging.ImageProber Prober { get; }

    public TimeProvider Clock { get; }

    public ClassifierLimits Limits { get; }

    /// <summary>Problems that make this listing impossible to judge (empty when it can be judged).
    /// Used by unary calls to answer INVALID_ARGUMENT; <paramref name="prefix"/> prefixes field paths.</summary>
    public IReadOnlyList<FieldViolation> Validate(Listing? listing, string prefix) => throw new NotImplementedException();

    /// <summary>Judges one listing on one channel. An item that cannot be judged (invalid, undecodable
    /// image, over a limit) gets REVIEW and <c>error</c>: never ALLOW by failure.</summary>
    public Decision Classify(RegistrySnapshot snapshot, Listing listing, Channel channel) => throw new NotImplementedException();

    /// <summary>Judges every listing of a batch into <paramref name="output"/>, in order.</summary>
    public void ClassifyBatch(RegistrySnapshot snapshot, ClassifyBatch batch, DecisionBatch output, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>ClassifyQuery: marks in a search query or ad keyword (channel defaults to SEARCH).</summary>
    public QueryResponse ClassifyQuery(RegistrySnapshot snapshot, QueryRequest request) => throw new NotImplementedException();
}
