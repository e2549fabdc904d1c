using System.Buffers.Binary;
using System.IO.Hashing;

namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// Work fingerprints on disk, one file per image content: <c>FOLDER/ab/abcd....wfp</c>, named by the
/// XxHash128 of the image bytes (32 hex digits, the first two as a sub-folder so no folder grows past a few
/// thousand entries). Nothing in a file is trusted unless all of it checks out; anything else is a miss
/// that the caller recomputes and overwrites.
/// </summary>
/// <remarks>
/// Layout, little-endian: magic <c>CWFP</c>; u16 <see cref="FormatVersion"/>; u16 0; u64 the prober's
/// stamp (algorithm version, options, limits); 16 bytes the image's XxHash128 (a file copied under another
/// name does not pass); i32 quality; i32 hash count n; n x 4 u64 (W0..W3); u64 XxHash64 of everything
/// before it. A file is written under a temporary name in its folder and renamed over the final one, so
/// readers (this process or another sharing the folder) see a whole file or none; a crash between write
/// and rename leaves a temporary file and no entry, and a file torn by a power loss fails its checksum.
/// </remarks>
internal sealed class FingerprintStore
{
    /// <summary>Version of the file layout above.</summary>
    public const ushort FormatVersion = 1;

    private const int HeaderBytes = 40;
    private const int HashBytes = 32;
    private const int ChecksumBytes = 8;

    /// <summary>More hashes than any prober stores for one image: a larger count is a corrupt file.</summary>
    private const int MaxHashes = 4096;

    private static ReadOnlySpan<byte> Magic => "CWFP"u8;

    private readonly ulong _stamp;

    public FingerprintStore(string folder, ulong stamp)
    {
        Folder = folder;
        _stamp = stamp;
    }

    public string Folder { get; }

    public string PathOf(UInt128 key)
    {
        string hex = key.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        return Path.Combine(Folder, hex[..2], hex + ".wfp");
    }

    /// <summary>The stored fingerprint of <paramref name="key"/>, or null when there is none or it does not
    /// check out (truncated, corrupt, another format or stamp, another key). Never throws for a bad file.</summary>
    public WorkFingerprint? TryRead(UInt128 key)
    {
        byte[] bytes;
        try
        {
            using var handle = File.OpenHandle(PathOf(key));
            long length = RandomAccess.GetLength(handle);
            if (length > HeaderBytes + (long)MaxHashes * HashBytes + ChecksumBytes)
            {
                return null;
            }
            bytes = new byte[length];
            if (RandomAccess.Read(handle, bytes, 0) != bytes.Length)
            {
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing (the common case) or unreadable: either way, compute it.
            return null;
        }
        return Deserialize(bytes, key, _stamp);
    }

    /// <summary>Stores the fingerprint atomically (temporary file, then rename). Throws
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the folder refuses it.</summary>
    public void Write(UInt128 key, WorkFingerprint fingerprint)
    {
        string path = PathOf(key);
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, Serialize(key, _stamp, fingerprint));
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes and removes a file, to learn at start-up whether the folder takes writes at all.</summary>
    public void Probe()
    {
        Directory.CreateDirectory(Folder);
        string probe = Path.Combine(Folder, $".probe.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(probe, Magic.ToArray());
        File.Delete(probe);
    }

    internal static byte[] Serialize(UInt128 key, ulong stamp, WorkFingerprint fingerprint)
    {
        IReadOnlyList<PdqHash> hashes = fingerprint.Hashes;
        byte[] bytes = new byte[HeaderBytes + hashes.Count * HashBytes + ChecksumBytes];
        Span<byte> span = bytes;
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], stamp);
        BinaryPrimitives.WriteUInt128LittleEndian(span[16..], key);
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], fingerprint.Quality);
        BinaryPrimitives.WriteInt32LittleEndian(span[36..], hashes.Count);
        int offset = HeaderBytes;
        foreach (PdqHash hash in hashes)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], hash.W0);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(offset + 8)..], hash.W1);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(offset + 16)..], hash.W2);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(offset + 24)..], hash.W3);
            offset += HashBytes;
        }
        BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], XxHash64.HashToUInt64(span[..offset]));
        return bytes;
    }

    internal static WorkFingerprint? Deserialize(ReadOnlySpan<byte> bytes, UInt128 key, ulong stamp)
    {
        if (bytes.Length < HeaderBytes + ChecksumBytes
            || !bytes[..4].SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) != FormatVersion
            || BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]) != 0
            || BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) != stamp
            || BinaryPrimitives.ReadUInt128LittleEndian(bytes[16..]) != key)
        {
            return null;
        }
        int quality = BinaryPrimitives.ReadInt32LittleEndian(bytes[32..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[36..]);
        if (count < 0 || count > MaxHashes || bytes.Length != HeaderBytes + count * HashBytes + ChecksumBytes)
        {
            return null;
        }
        int end = HeaderBytes + count * HashBytes;
        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes[end..]) != XxHash64.HashToUInt64(bytes[..end]))
        {
            return null;
        }
        var hashes = new PdqHash[count];
        for (int i = 0; i < count; i++)
        {
            var at = bytes[(HeaderBytes + i * HashBytes)..];
            hashes[i] = new PdqHash(
                BinaryPrimitives.ReadUInt64LittleEndian(at),
                BinaryPrimitives.ReadUInt64LittleEndian(at[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(at[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(at[24..]));
        }
        return new WorkFingerprint(hashes, quality);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file is never read as an entry.
        }
    }
}
