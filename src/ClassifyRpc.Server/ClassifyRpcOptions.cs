using ClassifyRpc.Decisions;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Text;

namespace ClassifyRpc.Server;

/// <summary>
/// Server settings, bound from the configuration section <c>ClassifyRpc</c> (appsettings.json,
/// <c>ClassifyRpc__MaxBatchListings=...</c> environment variables, <c>--ClassifyRpc:MaxBatchListings=...</c>).
/// Every limit has a safe default; the per-listing ones default to <see cref="ClassifierLimits.Default"/>
/// and <see cref="ImageLimits.Default"/> so the libraries and the server never disagree.
/// </summary>
public sealed class ClassifyRpcOptions
{
    public const string SectionName = "ClassifyRpc";

    /// <summary>Registry folder; the top-level <c>registry</c> key (<c>--registry</c>,
    /// <c>CLASSIFYRPC_REGISTRY</c>) wins over this one. Default: the bundled copy beside the binaries.</summary>
    public string? Registry { get; set; }

    /// <summary>Quiet time after the last change in the registry folder before it is reloaded.</summary>
    public int RegistryDebounceMilliseconds { get; set; } = 500;

    /// <summary>States the mark automaton of a registry may have; a registry whose marks need more does not
    /// load (it would cost more memory and build time than this host is sized for). At most
    /// <see cref="MarkLimits.ScanMaxStates"/>, which the scan cannot go past.</summary>
    public int MaxAutomatonStates { get; set; } = MarkLimits.Default.MaxStates;

    /// <summary>Letters and digits of one mark's text or variant after normalization.</summary>
    public int MaxMarkSymbols { get; set; } = MarkLimits.Default.MaxMarkSymbols;

    /// <summary>Largest gRPC message accepted or sent (Grpc MaxReceiveMessageSize / MaxSendMessageSize).
    /// A ClassifyBatch of 10,000 text listings is a few MB; images make it larger.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    public int MaxIdLength { get; set; } = ClassifierLimits.Default.MaxIdLength;
    public int MaxTitleLength { get; set; } = ClassifierLimits.Default.MaxTitleLength;
    public int MaxDescriptionLength { get; set; } = ClassifierLimits.Default.MaxDescriptionLength;
    public int MaxKeywords { get; set; } = ClassifierLimits.Default.MaxKeywords;
    public int MaxKeywordLength { get; set; } = ClassifierLimits.Default.MaxKeywordLength;
    public int MaxImages { get; set; } = ClassifierLimits.Default.MaxImages;
    public int MaxBatchListings { get; set; } = ClassifierLimits.Default.MaxBatchListings;
    public int MaxQueryLength { get; set; } = ClassifierLimits.Default.MaxQueryLength;

    /// <summary>Threads that may judge batches at once, callers included: a large batch spreads over the ones
    /// other batches leave free (0: one per core; 1: every batch on its own thread).</summary>
    /// <remarks>Spreading gave one stream of 1,000-listing batches about 15-25% more listings/s in the perf
    /// harness on 2 cores (561k and 582k against 471k, 442k and 514k in five full runs); with as many streams
    /// as cores nothing is split.</remarks>
    public int BatchMaxWorkers { get; set; }

    /// <summary>Batches smaller than this are never spread over several threads.</summary>
    public int BatchSplitMinListings { get; set; } = BatchParallelism.Default.MinBatchListings;

    /// <summary>While fewer ClassifyStream calls than this are open, each reads (receives and parses) its next
    /// batch on a pool thread while the current one is judged (0: one per core; 1: never).</summary>
    /// <remarks>One stream of 1,000-listing batches on 2 cores: 0.65-0.76x of the echo (mean 0.72) with it
    /// against 0.54-0.78x (mean 0.65) without, six alternating pairs; on every stream it cost four streams 5-10%
    /// (one more batch alive per stream, no idle core to use), hence only below one stream per core.</remarks>
    public int StreamReadAheadBelowStreams { get; set; }

    /// <summary>The open-stream count below which a stream reads ahead (<see cref="StreamReadAheadBelowStreams"/>).</summary>
    public int ToReadAheadBelowStreams() => StreamReadAheadBelowStreams == 0 ? Environment.ProcessorCount : StreamReadAheadBelowStreams;

    /// <summary>How long a built-in sample of listings is judged after start-up, in the background, so the
    /// JIT has optimized the hot path before real traffic arrives (0: no warm-up).</summary>
    public int WarmupMilliseconds { get; set; } = 2_000;

    public int MaxImageBytes { get; set; } = ImageLimits.Default.MaxBytes;
    public long MaxImagePixels { get; set; } = ImageLimits.Default.MaxPixels;
    public int MaxImageDimension { get; set; } = ImageLimits.Default.MaxDimension;

    /// <summary>Images in one HashImages request (over it: INVALID_ARGUMENT).</summary>
    public int MaxHashImages { get; set; } = 256;

    /// <summary>Entries of the PDQ cache keyed by image content (HashImages and listing images).</summary>
    public int ImageCacheEntries { get; set; } = 4_096;

    /// <summary>Folder where work fingerprints persist, so a restart does not hash unchanged work images
    /// again. Unset: <see cref="DefaultWorkCacheFolder"/>; empty: memory only.</summary>
    public string? WorkCacheFolder { get; set; }

    /// <summary>The folder the work fingerprints go to, or null for memory only: <see cref="WorkCacheFolder"/>
    /// when set (empty: none), else <c>$XDG_CACHE_HOME/classifyrpc/work-fingerprints</c>, else
    /// <c>$HOME/.cache/classifyrpc/work-fingerprints</c> (the XDG base-directory convention).</summary>
    public string? ResolveWorkCacheFolder(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (WorkCacheFolder is not null)
        {
            return WorkCacheFolder.Trim().Length == 0 ? null : Path.GetFullPath(WorkCacheFolder);
        }
        return DefaultWorkCacheFolder(environment);
    }

    /// <summary>Where work fingerprints go when <see cref="WorkCacheFolder"/> is unset; null when neither
    /// XDG_CACHE_HOME nor HOME is an absolute path (the XDG spec ignores relative ones).</summary>
    public static string? DefaultWorkCacheFolder(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("XDG_CACHE_HOME") is { } xdg && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "classifyrpc", "work-fingerprints");
        }
        if (environment("HOME") is { } home && Path.IsPathFullyQualified(home))
        {
            return Path.Combine(home, ".cache", "classifyrpc", "work-fingerprints");
        }
        return null;
    }

    /// <summary>Concurrent HTTP/2 streams per connection (Kestrel's default is 100; a scheduler that
    /// multiplexes many ClassifyStream calls over one channel needs more).</summary>
    public int Http2MaxStreamsPerConnection { get; set; } = 1_000;

    /// <summary>HTTP/2 connection receive window (Kestrel's default is 128 KiB, which throttles large
    /// batches on links with any latency).</summary>
    public int Http2InitialConnectionWindowBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>HTTP/2 per-stream receive window (Kestrel's default is 96 KiB).</summary>
    public int Http2InitialStreamWindowBytes { get; set; } = 8 * 1024 * 1024;

    public ClassifierLimits ToClassifierLimits() => new()
    {
        MaxIdLength = MaxIdLength,
        MaxTitleLength = MaxTitleLength,
        MaxDescriptionLength = MaxDescriptionLength,
        MaxKeywords = MaxKeywords,
        MaxKeywordLength = MaxKeywordLength,
        MaxImages = MaxImages,
        MaxBatchListings = MaxBatchListings,
        MaxQueryLength = MaxQueryLength,
    };

    public BatchParallelism ToBatchParallelism() => new()
    {
        MaxWorkers = BatchMaxWorkers == 0 ? Environment.ProcessorCount : BatchMaxWorkers,
        MinBatchListings = BatchSplitMinListings,
    };

    public RegistryLimits ToRegistryLimits() => new()
    {
        Marks = new MarkLimits { MaxStates = MaxAutomatonStates, MaxMarkSymbols = MaxMarkSymbols },
        MaxStatesSetting = $"{SectionName}:{nameof(MaxAutomatonStates)}",
    };

    public ImageLimits ToImageLimits() => new()
    {
        MaxBytes = MaxImageBytes,
        MaxPixels = MaxImagePixels,
        MaxDimension = MaxImageDimension,
    };

    /// <summary>The first setting that cannot work, or null. Checked at start-up so a typo in the
    /// configuration stops the server instead of surfacing as odd errors under load.</summary>
    public string? Validate()
    {
        if (RegistryDebounceMilliseconds < 0) return Bad(nameof(RegistryDebounceMilliseconds), RegistryDebounceMilliseconds);
        if (MaxAutomatonStates < 1 || MaxAutomatonStates > MarkLimits.ScanMaxStates) return Bad(nameof(MaxAutomatonStates), MaxAutomatonStates, $"1 to {MarkLimits.ScanMaxStates}");
        if (MaxMarkSymbols < 1) return Bad(nameof(MaxMarkSymbols), MaxMarkSymbols);
        if (MaxMessageBytes < 1024) return Bad(nameof(MaxMessageBytes), MaxMessageBytes, "at least 1024");
        if (MaxIdLength < 1) return Bad(nameof(MaxIdLength), MaxIdLength);
        if (MaxTitleLength < 1) return Bad(nameof(MaxTitleLength), MaxTitleLength);
        if (MaxDescriptionLength < 1) return Bad(nameof(MaxDescriptionLength), MaxDescriptionLength);
        if (MaxKeywords < 0) return Bad(nameof(MaxKeywords), MaxKeywords);
        if (MaxKeywordLength < 1) return Bad(nameof(MaxKeywordLength), MaxKeywordLength);
        if (MaxImages < 0) return Bad(nameof(MaxImages), MaxImages);
        if (MaxBatchListings < 1) return Bad(nameof(MaxBatchListings), MaxBatchListings);
        if (MaxQueryLength < 1) return Bad(nameof(MaxQueryLength), MaxQueryLength);
        if (BatchMaxWorkers < 0) return Bad(nameof(BatchMaxWorkers), BatchMaxWorkers, "0 (one per core) or more");
        if (BatchSplitMinListings < 1) return Bad(nameof(BatchSplitMinListings), BatchSplitMinListings);
        if (StreamReadAheadBelowStreams < 0) return Bad(nameof(StreamReadAheadBelowStreams), StreamReadAheadBelowStreams, "0 (one per core) or more");
        if (WarmupMilliseconds < 0) return Bad(nameof(WarmupMilliseconds), WarmupMilliseconds, "0 or more");
        if (MaxImageBytes < 1) return Bad(nameof(MaxImageBytes), MaxImageBytes);
        if (MaxImagePixels < 1) return Bad(nameof(MaxImagePixels), MaxImagePixels);
        if (MaxImageDimension < 1) return Bad(nameof(MaxImageDimension), MaxImageDimension);
        if (MaxHashImages < 1) return Bad(nameof(MaxHashImages), MaxHashImages);
        if (ImageCacheEntries < 1) return Bad(nameof(ImageCacheEntries), ImageCacheEntries);
        if (WorkCacheFolder?.Contains('\0', StringComparison.Ordinal) == true) return $"configuration {SectionName}:{nameof(WorkCacheFolder)} is invalid (a path cannot hold a NUL character)";
        if (Http2MaxStreamsPerConnection < 1) return Bad(nameof(Http2MaxStreamsPerConnection), Http2MaxStreamsPerConnection);
        // Kestrel's own bounds: windows between 64 KiB and 2^31-1.
        if (Http2InitialConnectionWindowBytes < 65_535) return Bad(nameof(Http2InitialConnectionWindowBytes), Http2InitialConnectionWindowBytes, "at least 65535");
        if (Http2InitialStreamWindowBytes < 65_535) return Bad(nameof(Http2InitialStreamWindowBytes), Http2InitialStreamWindowBytes, "at least 65535");
        return null;
    }

    private static string Bad(string name, long value, string expected = "positive") =>
        $"configuration {SectionName}:{name} = {value} is invalid ({expected})";
}
