using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClassifyRpc.Docket.Internal;

namespace ClassifyRpc.Docket;

/// <summary>
/// Generates a docket: a registry folder in the documented format (cases/*.yaml, defendants/*.txt, notices/*.csv,
/// works/*.png) and listings.jsonl beside it, deterministic from <see cref="DocketOptions.Seed"/>.
/// <code>
/// OUT/registry/      the registry (serve it with --registry OUT/registry)
/// OUT/listings.jsonl listings planting its marks, labelled (see <see cref="DocketLabel"/>)
/// OUT/docket.json    the options and counts (the harness's cache checks it)
/// </code>
/// </summary>
public static class DocketGenerator
{
    /// <summary>Bumped whenever the same options would give different bytes, so cached dockets are made again.</summary>
    public const int FormatVersion = 1;

    public const string RegistryFolderName = "registry";
    public const string ListingsFileName = "listings.jsonl";
    public const string SummaryFileName = "docket.json";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The docket in memory: orders, marks, works, nothing written.</summary>
    public static DocketPlan Plan(DocketOptions options) => DocketPlanner.Plan(options);

    /// <summary>Listing <paramref name="index"/> of the docket (each drawn on its own: the first N are the same
    /// whatever the number asked for).</summary>
    public static IEnumerable<DocketListing> Listings(DocketPlan plan, int count)
    {
        var planter = new ListingPlanter(plan);
        for (int i = 0; i < count; i++)
        {
            yield return planter.Listing(i);
        }
    }

    /// <summary>The PNG of a work: the same bytes for the same seed, work and size.</summary>
    public static byte[] PaintWork(DocketOptions options, DocketWork work) => WorkPainter.Paint(options.Seed, work.Ordinal, options.ImageSize);

    /// <summary>Writes the docket into <paramref name="outDirectory"/>, which must be absent or empty (stale files
    /// from another docket would be read as cases).</summary>
    public static DocketSummary Write(DocketOptions options, string outDirectory, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        if (Directory.Exists(outDirectory) && Directory.EnumerateFileSystemEntries(outDirectory).Any())
        {
            throw new IOException($"'{outDirectory}' is not empty: write a docket into a new folder");
        }

        progress?.Invoke($"naming {options.Orders * options.MarksPerOrder:N0} marks");
        DocketPlan plan = Plan(options);
        string registry = Path.Combine(outDirectory, RegistryFolderName);
        Directory.CreateDirectory(Path.Combine(registry, "cases"));

        progress?.Invoke($"writing {plan.Orders.Count:N0} case files");
        long defendants = 0;
        int notices = 0;
        foreach (DocketOrder order in plan.Orders)
        {
            WriteText(registry, order.CaseFile, CaseFileWriter.Case(order, options));
            if (order.DefendantsFile is { } defendantsFile)
            {
                WriteText(registry, defendantsFile, CaseFileWriter.Defendants(plan, order));
                defendants += order.DefendantCount;
            }
            if (order.NoticesFile is { } noticesFile)
            {
                WriteText(registry, noticesFile, CaseFileWriter.Notices(order));
                notices += order.NoticeCount;
            }
        }

        progress?.Invoke($"drawing {plan.Works.Count:N0} works");
        if (plan.Works.Count > 0)
        {
            Directory.CreateDirectory(Path.Combine(registry, "works"));
        }
        // Each work is drawn from its own stream: the order they are drawn in does not change a byte.
        Parallel.For(0, plan.Works.Count, i =>
        {
            DocketWork work = plan.Works[i];
            File.WriteAllBytes(Path.Combine(registry, work.ImagePath), PaintWork(options, work));
        });

        progress?.Invoke($"planting {options.Listings:N0} listings");
        string listingsFile = Path.Combine(outDirectory, ListingsFileName);
        WriteListings(listingsFile, Listings(plan, options.Listings));

        var summary = new DocketSummary(registry, listingsFile, plan.Orders.Count, plan.Marks.Count, plan.Works.Count, defendants, notices, options.Listings);
        WriteSummary(Path.Combine(outDirectory, SummaryFileName), options, summary);
        return summary;
    }

    /// <summary>
    /// Writes the last order of <paramref name="plan"/> (its case file, defendants, notices and works, named and drawn
    /// as the generator does every order) into <paramref name="registryFolder"/>, the registry of the docket made with
    /// the same options and one order fewer. The folder then holds exactly the registry of <paramref name="plan"/>: the
    /// new order's marks differ from every other mark, its defendants are nobody else's. Plan with
    /// <c>options with { Orders = options.Orders + 1 }</c>; the case file is written last, so nothing it refers to is
    /// missing when it appears. Returns the order written.
    /// </summary>
    public static DocketOrder AddOrder(DocketPlan plan, string registryFolder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(registryFolder);
        if (!Directory.Exists(Path.Combine(registryFolder, "cases")))
        {
            throw new IOException($"'{registryFolder}' holds no cases/: not a registry folder");
        }
        DocketOrder order = plan.Orders[^1];
        if (File.Exists(Path.Combine(registryFolder, order.CaseFile)))
        {
            throw new IOException($"'{registryFolder}' already holds {order.CaseFile}: the order was added before");
        }
        if (order.DefendantsFile is { } defendantsFile)
        {
            WriteText(registryFolder, defendantsFile, CaseFileWriter.Defendants(plan, order));
        }
        if (order.NoticesFile is { } noticesFile)
        {
            WriteText(registryFolder, noticesFile, CaseFileWriter.Notices(order));
        }
        foreach (DocketWork work in order.Works)
        {
            string path = Path.Combine(registryFolder, work.ImagePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, PaintWork(plan.Options, work));
        }
        WriteText(registryFolder, order.CaseFile, CaseFileWriter.Case(order, plan.Options));
        return order;
    }

    /// <summary>The option line a docket folder was written with (<see cref="DocketOptions.Describe"/>), or null when
    /// the folder holds no finished docket.</summary>
    public static string? ReadDescription(string outDirectory)
    {
        string path = Path.Combine(outDirectory, SummaryFileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.TryGetProperty("options", out JsonElement options) ? options.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteText(string registry, string relative, string text)
    {
        string path = Path.Combine(registry, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, s_utf8);
    }

    private static void WriteListings(string path, IEnumerable<DocketListing> listings)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        // Relaxed escaping writes the fullwidth letters as UTF-8, as the public corpus does, not as \uFF3A.
        var settings = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var writer = new Utf8JsonWriter(stream, settings);
        foreach (DocketListing listing in listings)
        {
            writer.WriteStartObject();
            writer.WriteString("listing_id", listing.ListingId);
            writer.WriteString("storefront_id", listing.StorefrontId);
            writer.WriteString("title", listing.Title);
            writer.WriteString("description", listing.Description);
            Strings(writer, "keywords", listing.Keywords);
            writer.WriteStartObject("label");
            Strings(writer, "marks", listing.Label.Marks);
            writer.WriteString("kind", listing.Label.Kind);
            Strings(writer, "transforms", listing.Label.Transforms);
            if (listing.Label.Field is { } field)
            {
                writer.WriteString("field", field);
            }
            if (listing.Label.Case is { } caseId)
            {
                writer.WriteString("case", caseId);
            }
            if (listing.Label.Relation is { } relation)
            {
                writer.WriteString("relation", relation);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    private static void Strings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void WriteSummary(string path, DocketOptions options, DocketSummary summary)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("options", options.Describe());
        writer.WriteNumber("orders", summary.Orders);
        writer.WriteNumber("marks", summary.Marks);
        writer.WriteNumber("works", summary.Works);
        writer.WriteNumber("defendants", summary.Defendants);
        writer.WriteNumber("notices", summary.Notices);
        writer.WriteNumber("listings", summary.Listings);
        writer.WriteEndObject();
    }
}
