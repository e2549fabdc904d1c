namespace ClassifyRpc.Docket.Internal;

/// <summary>The filler of generated listings, in the style of the public corpus (toys, plush, gifts). Plain
/// ASCII without ! | $ @, which the service may read as letters.</summary>
internal static class ListingWords
{
    public static readonly string[] Adjectives =
        ["New", "Premium", "Jumbo", "Kawaii", "Mini", "Soft", "Cute", "Giant", "Cozy", "Fluffy", "Handmade", "Vintage", "Deluxe"];

    public static readonly string[] Nouns =
    [
        "Bear", "Frog", "Dragon", "Unicorn", "Plushie", "Pillow", "Blanket", "Doll", "Squeeze Toy", "Dinosaur", "Bunny",
        "Kitten", "Puppy", "Keychain", "Backpack", "Mug", "Sticker Set", "Poster", "Hoodie", "T-Shirt", "Phone Case",
        "Night Light", "Figure", "Puzzle",
    ];

    public static readonly string[] Tails =
        ["Kids Gift", "Home Decor", "Free Shipping", "20cm", "30cm", "40cm", "Gift for Her", "Birthday Gift", "Set of 2", "Large", "Small"];

    public static readonly string[] Sentences =
    [
        "Super soft material, safe for children.", "Ships in 3-5 days.", "Bulk discount available, contact seller.",
        "Made of high quality polyester fibre.", "Machine washable.", "Size approx 40cm.",
        "Perfect gift for birthdays and holidays.", "Great for collectors.", "Colours may vary slightly from the photos.",
    ];

    /// <summary>Sentences that name a mark in a description: {0} is the mark.</summary>
    public static readonly string[] MarkSentences =
    [
        "Inspired by {0} fans everywhere.", "Looks just like {0} plush.", "A must for every {0} collection.",
        "Compatible with {0} accessories.", "New {0} design this season.",
    ];

    public static readonly string[] Keywords =
        ["soft toy", "kawaii", "plush", "kids", "gift", "toy", "pillow", "stuffed animal", "collectible", "decor", "cute", "birthday"];
}
