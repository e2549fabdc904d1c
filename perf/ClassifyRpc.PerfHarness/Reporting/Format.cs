using System.Globalization;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>Number formatting shared by the console table and the Markdown snippet (invariant culture, fixed widths).</summary>
internal static class Format
{
    public static string Rate(double value) => value switch
    {
        <= 0 => "-",
        >= 100_000 => (value / 1000).ToString("N0", CultureInfo.InvariantCulture) + "k",
        >= 1_000 => (value / 1000).ToString("N1", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };

    public static string Ms(double value) => value <= 0 ? "-" : value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };

    public static string Ratio(double? value) => value is null ? "-" : value.Value.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N1", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Decimal gigabytes, as the marketplace-scale issue states its 3 GB ceiling.</summary>
    public static string Gb(long? bytes) => bytes is long b ? (b / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " GB" : "-";
}
