using System.Globalization;

namespace ClassifyRpc.Docket;

/// <summary>
/// The size and make-up of a generated docket. Every default is the marketplace-sized docket the perf work aims at:
/// 10,000 Schedule A orders of 5 marks each (50,000 marks), 200 defendants each, every tenth order against any seller,
/// artwork for the first 1,000 orders. The same options and seed always give the same bytes.
/// </summary>
public sealed record DocketOptions
{
    public int Seed { get; init; } = 1;

    public int Orders { get; init; } = 10_000;

    public int MarksPerOrder { get; init; } = 5;

    /// <summary>Share of marks with <c>fuzzy: true</c> (one-typo spellings match too).</summary>
    public double FuzzyShare { get; init; } = 0.30;

    /// <summary>Share of marks with <c>mode: word</c> (whole words only).</summary>
    public double WordShare { get; init; } = 0.30;

    /// <summary>Share of marks of two words ("Brakko Bear").</summary>
    public double TwoWordShare { get; init; } = 0.20;

    /// <summary>Share of marks holding one of the look-alike pairs rn, vv, cl ("Fernbun", "Clovvy").</summary>
    public double PairShare { get; init; } = 0.10;

    /// <summary>Letters of a mark, both words together.</summary>
    public int MinLetters { get; init; } = 6;

    public int MaxLetters { get; init; } = 14;

    /// <summary>Storefronts named per order (scope: defendants); ids are unique across the docket.</summary>
    public int DefendantsPerOrder { get; init; } = 200;

    /// <summary>Every this-many-th order is <c>scope: any_seller</c> (0: none).</summary>
    public int AnySellerEvery { get; init; } = 10;

    /// <summary>The first this-many orders carry artwork.</summary>
    public int WorkOrders { get; init; } = 1_000;

    /// <summary>Works per order that carries artwork; one image each.</summary>
    public int WorksPerOrder { get; init; } = 1;

    /// <summary>Side of a work's square PNG, in pixels.</summary>
    public int ImageSize { get; init; } = 256;

    /// <summary>Listings written to listings.jsonl (planted marks and benign ones).</summary>
    public int Listings { get; init; } = 10_000;

    public static string Usage => """
        Generates a registry folder (a docket of court orders) and listings that plant its marks.

          dotnet run -c Release --project perf/ClassifyRpc.Docket -- --out DIR [options]

          --out DIR                 where to write DIR/registry/ and DIR/listings.jsonl (required; must be empty or absent)
          --seed N                  generator seed (default 1); same options and seed, same bytes
          --orders N                court orders (default 10000)
          --marks-per-order N       marks per order (default 5)
          --fuzzy PCT               percent of marks with fuzzy: true (default 30)
          --word PCT                percent of marks with mode: word (default 30)
          --two-word PCT            percent of two-word marks (default 20)
          --pairs PCT               percent of marks holding rn, vv or cl (default 10)
          --letters MIN-MAX         letters per mark (default 6-14)
          --defendants N            defendants per order, unique across the docket (default 200)
          --any-seller-every N      every Nth order is scope: any_seller (default 10; 0: none)
          --work-orders K           the first K orders carry artwork (default 1000)
          --works-per-order N       works (one image each) per such order (default 1)
          --image-size PX           side of each work's PNG (default 256)
          --listings N              listings to write (default 10000)
        """;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Orders >= 1, "orders must be at least 1");
        Require(MarksPerOrder >= 1, "marks per order must be at least 1");
        Require(Share(FuzzyShare) && Share(WordShare) && Share(TwoWordShare) && Share(PairShare), "shares must be between 0 and 1");
        Require(MinLetters >= 6 && MaxLetters >= MinLetters && MaxLetters <= 40, "letters must be 6 <= MIN <= MAX <= 40");
        Require(DefendantsPerOrder >= 0, "defendants per order must not be negative");
        Require(AnySellerEvery >= 0, "any-seller-every must not be negative");
        Require(WorkOrders >= 0 && WorksPerOrder >= 0, "works must not be negative");
        Require(ImageSize >= 64 && ImageSize <= 2048, "image size must be 64 to 2048 pixels");
        Require(Listings >= 0, "listings must not be negative");
    }

    /// <summary>Every option in one line: the generator's cache key, and what docket.json records.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"format {DocketGenerator.FormatVersion}, seed {Seed}, orders {Orders}, marks {MarksPerOrder}, fuzzy {FuzzyShare}, word {WordShare}, " +
        $"two-word {TwoWordShare}, pairs {PairShare}, letters {MinLetters}-{MaxLetters}, defendants {DefendantsPerOrder}, " +
        $"any-seller-every {AnySellerEvery}, work-orders {WorkOrders}, works-per-order {WorksPerOrder}, image {ImageSize}, listings {Listings}");

    /// <summary>Parses the command's options (everything but --out); unknown options are errors.</summary>
    public static DocketOptions Parse(IReadOnlyList<string> args, out string? outDirectory)
    {
        var options = new DocketOptions();
        outDirectory = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            options = arg switch
            {
                "--out" => WithOut(options, Value(), out outDirectory),
                "--seed" => options with { Seed = Int(Value(), arg) },
                "--orders" => options with { Orders = Int(Value(), arg) },
                "--marks-per-order" => options with { MarksPerOrder = Int(Value(), arg) },
                "--fuzzy" => options with { FuzzyShare = Percent(Value(), arg) },
                "--word" => options with { WordShare = Percent(Value(), arg) },
                "--two-word" => options with { TwoWordShare = Percent(Value(), arg) },
                "--pairs" => options with { PairShare = Percent(Value(), arg) },
                "--letters" => WithLetters(options, Value(), arg),
                "--defendants" => options with { DefendantsPerOrder = Int(Value(), arg) },
                "--any-seller-every" => options with { AnySellerEvery = Int(Value(), arg) },
                "--work-orders" => options with { WorkOrders = Int(Value(), arg) },
                "--works-per-order" => options with { WorksPerOrder = Int(Value(), arg) },
                "--image-size" => options with { ImageSize = Int(Value(), arg) },
                "--listings" => options with { Listings = Int(Value(), arg) },
                _ => throw new ArgumentException($"unknown option '{arg}'"),
            };
        }
        options.Validate();
        return options;
    }

    private static DocketOptions WithOut(DocketOptions options, string value, out string? outDirectory)
    {
        outDirectory = value;
        return options;
    }

    private static DocketOptions WithLetters(DocketOptions options, string value, string option)
    {
        string[] parts = value.Split('-');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"{option} must be MIN-MAX, not '{value}'");
        }
        return options with { MinLetters = Int(parts[0], option), MaxLetters = Int(parts[1], option) };
    }

    private static int Int(string value, string option) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) && result >= 0
            ? result
            : throw new ArgumentException($"{option} must be a non-negative integer, not '{value}'");

    private static double Percent(string value, string option) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) && result is >= 0 and <= 100
            ? result / 100
            : throw new ArgumentException($"{option} must be a percentage from 0 to 100, not '{value}'");

    private static bool Share(double share) => share is >= 0 and <= 1;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
