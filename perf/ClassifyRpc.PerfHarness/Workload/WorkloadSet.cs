using ClassifyRpc.V1;
using Google.Protobuf;
using GrpcChannelKind = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>
/// Every message the scenarios send, built before any timing starts: three listing pools (text only, with a pdq_hex
/// image, with image bytes) and the queries. Requests are assembled from these shared Listing instances (protobuf
/// messages have no parent pointer, so one listing can sit in many pre-built batches).
/// </summary>
internal sealed class WorkloadSet
{
    /// <summary>The channel every scenario asks about: advertising is enforced by every bundled case.</summary>
    public const GrpcChannelKind Channel = GrpcChannelKind.Advertising;

    /// <summary>The most listings a batch carrying image bytes may hold (the rule).</summary>
    public const int MaxBytesBatch = 100;

    /// <summary>
    /// The batch size the image-bytes scenario uses: within the rule, and small enough that a measured window sees
    /// several answers even when decoding runs at a few hundred images a second on shared cores (a batch of 100 can
    /// take longer than a whole window there, leaving nothing to measure).
    /// </summary>
    public const int BytesScenarioBatch = 25;

    private WorkloadSet(Listing[] text, Listing[] pdq, Listing[] bytes, int bytesTwins, string[] queries, int maxMessageBytes)
    {
        BytesTwins = bytesTwins;
        TextListings = text;
        PdqListings = pdq;
        BytesListings = bytes;
        Queries = queries;
        MaxMessageBytes = maxMessageBytes;
    }

    public Listing[] TextListings { get; }

    public Listing[] PdqListings { get; }

    public Listing[] BytesListings { get; }

    /// <summary>Byte listing i shows the same text and pixels as byte listing i % BytesTwins (only its id and trailer differ).</summary>
    public int BytesTwins { get; }

    public string[] Queries { get; }

    public int MaxMessageBytes { get; }

    public int DistinctListings => TextListings.Length + PdqListings.Length + BytesListings.Length;

    public static WorkloadSet Build(IReadOnlyList<CorpusRecord> corpus, ImageSet images, WorkloadNeeds needs, int poolSize, int bytesPoolSize, int maxMessageBytes, int seed)
    {
        var generator = new ListingGenerator(corpus, seed);
        Listing[] text = generator.Generate(poolSize);

        // pdq_hex listings: recombined text plus one hash; 4,000 distinct keeps each pre-built batch of 1,000 distinct.
        var random = new Random(seed + 1);
        var pdq = new Listing[needs.PdqHex ? 4_000 : 0];
        for (int i = 0; i < pdq.Length; i++)
        {
            Listing listing = generator.Recombine();
            ImageHashEntry hash = images.Hashes[random.Next(images.Hashes.Length)];
            listing.Images.Add(new Image { ImageId = hash.ImageId, PdqHex = hash.PdqHex, Quality = hash.Quality });
            pdq[i] = listing;
        }

        // Byte listings: every one carries image bytes of its own. The first BytesTwins listings pair each image file
        // with recombined text; every later listing repeats the text and image of its twin
        // (index % BytesTwins) under a fresh id, its image bytes made unique by a trailer after the image's end (PNG
        // IEND / JPEG EOI, which decoders ignore). Unique bytes defeat the server's content-keyed image cache, so the
        // scenario measures decoding and hashing; twins let setup ask the service only BytesTwins times.
        int twins = needs.Bytes ? images.Files.Length : 0;
        var bytes = new Listing[needs.Bytes ? Math.Max(bytesPoolSize, twins) : 0];
        for (int i = 0; i < bytes.Length; i++)
        {
            Listing listing;
            if (i < twins)
            {
                listing = generator.Recombine();
            }
            else
            {
                listing = bytes[i % twins].Clone();
                listing.ListingId = generator.NextId();
                listing.Images.Clear();
            }
            ImageFile file = images.Files[i % images.Files.Length];
            listing.Images.Add(new Image { ImageId = file.Name, Content = UniqueCopy(file.Content, i) });
            bytes[i] = listing;
        }

        return new WorkloadSet(text, pdq, bytes, twins, needs.Queries ? BuildQueries(corpus) : [], maxMessageBytes);
    }

    public Listing[] Pool(ImageMode mode) => mode switch
    {
        ImageMode.None => TextListings,
        ImageMode.PdqHex => PdqListings,
        ImageMode.Bytes => BytesListings,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>
    /// Batches of <paramref name="batchSize"/> over the pool, enough that consecutive batches of one stream differ.
    /// Byte batches also stop short of the message limit (with room for framing), so the server never refuses one.
    /// </summary>
    public ClassifyBatch[] BuildBatches(ImageMode mode, int batchSize)
    {
        Listing[] pool = Pool(mode);
        int budget = MaxMessageBytes - 64 * 1024;
        var batches = new List<ClassifyBatch>();
        int cursor = 0;
        int wanted = Math.Max(2, Math.Min(4_096, pool.Length / batchSize));
        for (int b = 0; b < wanted; b++)
        {
            var batch = new ClassifyBatch { BatchId = "b" + b.ToString(System.Globalization.CultureInfo.InvariantCulture), Channel = Channel };
            int size = 0;
            while (batch.Listings.Count < batchSize)
            {
                Listing listing = pool[cursor];
                int listingSize = CodedOutputStream.ComputeMessageSize(listing) + 1;
                if (mode == ImageMode.Bytes && batch.Listings.Count > 0 && size + listingSize > budget)
                {
                    break;
                }
                batch.Listings.Add(listing);
                size += listingSize;
                cursor = (cursor + 1) % pool.Length;
            }
            batches.Add(batch);
        }
        return batches.ToArray();
    }

    public ClassifyRequest[] BuildUnaryRequests(ImageMode mode)
    {
        Listing[] pool = Pool(mode);
        var requests = new ClassifyRequest[pool.Length];
        for (int i = 0; i < pool.Length; i++)
        {
            requests[i] = new ClassifyRequest { Listing = pool[i], Channel = Channel };
        }
        return requests;
    }

    public QueryRequest[] BuildQueryRequests()
    {
        var requests = new QueryRequest[Queries.Length];
        for (int i = 0; i < Queries.Length; i++)
        {
            requests[i] = new QueryRequest { Query = Queries[i], Channel = GrpcChannelKind.Search };
        }
        return requests;
    }

    private static ByteString UniqueCopy(ByteString content, int serial)
    {
        byte[] copy = new byte[content.Length + 12];
        content.Span.CopyTo(copy);
        "CRPC"u8.CopyTo(copy.AsSpan(content.Length));
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan(content.Length + 4), serial);
        return UnsafeByteOperations.UnsafeWrap(copy);
    }

    /// <summary>Search queries and ad keywords as a scheduler sees them: every distinct corpus keyword and title.</summary>
    private static string[] BuildQueries(IReadOnlyList<CorpusRecord> corpus)
    {
        var queries = new HashSet<string>(StringComparer.Ordinal);
        foreach (CorpusRecord record in corpus)
        {
            foreach (string keyword in record.Keywords)
            {
                queries.Add(keyword);
            }
            queries.Add(record.Title);
        }
        string[] result = queries.ToArray();
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }
}
