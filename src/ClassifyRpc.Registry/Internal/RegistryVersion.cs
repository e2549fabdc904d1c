using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// The registry version: XxHash128 (seed 0) over every file read, in ordinal order of their
/// registry-relative paths ('/' separators). Each file contributes
/// <c>u32 LE byte length of the UTF-8 path, the path, u64 LE byte length of the content, the content</c>,
/// so no two different file sets frame to the same byte stream (moving a byte from one file's end to
/// the next file's start, or renaming a file, changes the version). Printed as 32 lower-case hex digits
/// of the canonical (big-endian) hash. The absolute folder, timestamps and file order on disk play no
/// part: the same files give the same version on every replica.
/// </summary>
internal static class RegistryVersion
{
    public static string Compute(SortedDictionary<string, byte[]> files)
    {
        var hash = new XxHash128();
        Span<byte> length = stackalloc byte[8];
        foreach (var (path, content) in files)
        {
            byte[] pathBytes = Encoding.UTF8.GetBytes(path);
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)pathBytes.Length);
            hash.Append(length[..4]);
            hash.Append(pathBytes);
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)content.Length);
            hash.Append(length);
            hash.Append(content);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
