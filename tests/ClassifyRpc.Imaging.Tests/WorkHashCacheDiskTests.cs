using System.Buffers.Binary;
using System.IO.Hashing;
using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Imaging.Tests;

/// <summary>
/// Work fingerprints kept in a folder: a restart (a new cache on the same folder) reads them instead of
/// hashing again, and an entry that does not check out in every respect is computed again and rewritten.
/// </summary>
public sealed class WorkHashCacheDiskTests : IDisposable
{
    private static readonly ImageProber s_prober = new(new PdqHasher(ImageLimits.Default));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "classifyrpc-tests", Guid.NewGuid().ToString("N"));
    private readonly List<string> _warnings = [];

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        else if (File.Exists(_folder))
        {
            File.Delete(_folder);
        }
    }

    private static byte[] Work(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", name));

    private static readonly string[] s_works = ["cam-the-cat.png", "womp-bear.png", "wendy-the-frog.png"];

    private WorkHashCache NewCache(string? folder = null) => new(s_prober, folder ?? _folder, _warnings.Add);

    private string[] Entries() => Directory.GetFiles(_folder, "*.wfp", SearchOption.AllDirectories);

    /// <summary>Where an image's entry lives: FOLDER/ab/abcd....wfp, by the XxHash128 of its bytes.</summary>
    private string EntryOf(byte[] image)
    {
        string hex = XxHash128.HashToUInt128(image).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        return Path.Combine(_folder, hex[..2], hex + ".wfp");
    }

    private static void AssertSame(WorkFingerprint expected, WorkFingerprint actual)
    {
        Assert.Equal(expected.Quality, actual.Quality);
        Assert.Equal(expected.Hashes, actual.Hashes);
    }

    [Fact]
    public void ARestartReadsTheFingerprintsInsteadOfHashing()
    {
        var first = NewCache();
        var computed = s_works.Select(w => first.GetOrCompute(Work(w))).ToArray();
        Assert.Equal(3, first.Computed);
        Assert.Equal(3, Entries().Length);
        Assert.Equal(Path.GetFullPath(_folder), first.Folder);

        var restarted = NewCache();
        for (int i = 0; i < s_works.Length; i++)
        {
            AssertSame(computed[i], restarted.GetOrCompute(Work(s_works[i])));
        }
        Assert.Equal(0, restarted.Computed);
        Assert.Equal(3, restarted.ReadFromDisk);
        // Then from memory: the folder is read once per content.
        restarted.GetOrCompute(Work(s_works[0]));
        Assert.Equal(3, restarted.ReadFromDisk);
        Assert.Empty(_warnings);
    }

    public static TheoryData<string> Damages() => new() { "one flipped bit", "truncated", "empty", "another format version", "another key" };

    [Theory]
    [MemberData(nameof(Damages))]
    public void AnEntryThatDoesNotCheckOutIsComputedAgainAndRewritten(string damage)
    {
        byte[] image = Work("womp-bear.png");
        var expected = NewCache().GetOrCompute(image);
        string entry = EntryOf(image);
        byte[] bytes = File.ReadAllBytes(entry);
        switch (damage)
        {
            case "one flipped bit":
                bytes[bytes.Length / 2] ^= 0x10;
                break;
            case "truncated":
                bytes = bytes[..(bytes.Length - 40)];
                break;
            case "empty":
                bytes = [];
                break;
            case "another format version":
                // A well-formed file of a format this build does not know: checksum fixed up, so only the
                // version tells.
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)));
                break;
            case "another key":
                // Another image's (valid) entry copied under this image's name.
                var cat = Work("cam-the-cat.png");
                NewCache().GetOrCompute(cat);
                bytes = File.ReadAllBytes(EntryOf(cat));
                break;
        }
        File.WriteAllBytes(entry, bytes);

        var restarted = NewCache();
        AssertSame(expected, restarted.GetOrCompute(image));
        Assert.Equal((1, 0), (restarted.Computed, restarted.ReadFromDisk));

        // Rewritten: the next restart reads it.
        var again = NewCache();
        AssertSame(expected, again.GetOrCompute(image));
        Assert.Equal((0, 1), (again.Computed, again.ReadFromDisk));
    }

    [Fact]
    public void AnEntryOfAnotherProberStampIsStale()
    {
        byte[] image = Work("womp-bear.png");
        var old = new WorkHashCache(s_prober, _folder, _warnings.Add, stamp: 12345);
        old.GetOrCompute(image);

        var current = NewCache();
        current.GetOrCompute(image);
        Assert.Equal((1, 0), (current.Computed, current.ReadFromDisk));
        var restarted = NewCache();
        restarted.GetOrCompute(image);
        Assert.Equal((0, 1), (restarted.Computed, restarted.ReadFromDisk));

        // Other limits are another stamp too: a fingerprint computed under them is not served.
        var limited = new ImageProber(new PdqHasher(ImageLimits.Default with { MaxPixels = 1_000 }));
        Assert.NotEqual(s_prober.WorkFingerprintStamp, limited.WorkFingerprintStamp);
        var refused = new WorkHashCache(limited, _folder, _warnings.Add);
        Assert.Throws<ImageDecodeException>(() => refused.GetOrCompute(image));
    }

    [Fact]
    public void AFolderThatCannotBeCreatedLeavesTheCacheInMemory()
    {
        File.WriteAllText(_folder, "a file where the folder would be");
        string folder = Path.Combine(_folder, "fingerprints");

        var cache = NewCache(folder);
        Assert.Null(cache.Folder);
        var warning = Assert.Single(_warnings);
        Assert.Contains(folder, warning, StringComparison.Ordinal);
        Assert.Contains("memory only", warning, StringComparison.Ordinal);

        byte[] image = Work("womp-bear.png");
        var fingerprint = cache.GetOrCompute(image);
        Assert.Same(fingerprint, cache.GetOrCompute(image));
        Assert.Equal(1, cache.Computed);
        var restarted = NewCache(folder);
        restarted.GetOrCompute(image);
        Assert.Equal(1, restarted.Computed);
    }

    [Fact]
    public void AFolderThatStopsTakingWritesIsReportedOnceAndTheCacheGoesOn()
    {
        var cache = NewCache();
        Directory.Delete(_folder);
        File.WriteAllText(_folder, "the folder was replaced by a file");

        foreach (string work in s_works)
        {
            cache.GetOrCompute(Work(work));
        }
        Assert.Equal(3, cache.Computed);
        Assert.Equal(3, cache.Count);
        Assert.Contains("stopped taking writes", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    /// <summary>
    /// The fingerprint of one known image, pinned. Stored fingerprints are trusted across restarts as long
    /// as <see cref="ImageProber.WorkFingerprintVersion"/> is unchanged: if this fails, what FingerprintWork
    /// computes has changed, so bump the version (stale entries are then recomputed) and pin the new digest.
    /// </summary>
    [Fact]
    public void AKnownImagesFingerprintIsPinnedToTheVersion()
    {
        var fingerprint = s_prober.FingerprintWork(Work("womp-bear.png"));
        var hash = new XxHash64();
        foreach (PdqHash h in fingerprint.Hashes)
        {
            hash.Append(System.Text.Encoding.ASCII.GetBytes(h.ToHex()));
        }
        Assert.Equal((1, 3773088608828249742UL, 100), (ImageProber.WorkFingerprintVersion, hash.GetCurrentHashAsUInt64(), fingerprint.Quality));
    }
}
