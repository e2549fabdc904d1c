using System.Globalization;
using ClassifyRpc.V1;
using Google.Protobuf;
using Grpc.Core;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>
/// The images listings carry: the public transformed copies of the registry's works plus the distractors, as bytes,
/// and as PDQ hashes. Hashes come from the service itself (HashImages, what a caller does at upload) so pdq_hex
/// listings hit the artwork index the way real ones would; without a service (echo-only runs) or if HashImages is
/// not available, the PDQ reference vectors stand in (real hashes, but of photos unrelated to the works).
/// </summary>
internal sealed class ImageSet
{
    private ImageSet(ImageFile[] files, ImageHashEntry[] hashes, string hashSource)
    {
        Files = files;
        Hashes = hashes;
        HashSource = hashSource;
    }

    public ImageFile[] Files { get; }

    public ImageHashEntry[] Hashes { get; }

    /// <summary>"service HashImages" or "pdq-reference vectors": recorded in the JSON.</summary>
    public string HashSource { get; }

    public static async Task<ImageSet> LoadAsync(string imagesDirectory, string pdqReferenceCsv, Classifier.ClassifierClient? service, CancellationToken cancellationToken)
    {
        ImageFile[] files = LoadFiles(imagesDirectory);
        if (service is not null)
        {
            ImageHashEntry[]? hashed = await TryHashAsync(service, files, cancellationToken).ConfigureAwait(false);
            if (hashed is not null)
            {
                return new ImageSet(files, hashed, "service HashImages over tests/data/images-public");
            }
        }
        return new ImageSet(files, LoadReferenceHashes(pdqReferenceCsv), "tests/data/pdq-reference/expected.csv");
    }

    private static ImageFile[] LoadFiles(string directory)
    {
        var files = new List<ImageFile>();
        foreach (string path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            string extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is ".png" or ".jpg" or ".jpeg")
            {
                files.Add(new ImageFile(Path.GetRelativePath(directory, path), ByteString.CopyFrom(File.ReadAllBytes(path))));
            }
        }
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{directory}: no PNG or JPEG files");
        }
        // Directory order is file-system dependent; sort so a seed gives the same workload everywhere.
        files.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return files.ToArray();
    }

    private static async Task<ImageHashEntry[]?> TryHashAsync(Classifier.ClassifierClient service, ImageFile[] files, CancellationToken cancellationToken)
    {
        var hashes = new List<ImageHashEntry>(files.Length);
        try
        {
            // A few images per call keeps every request far below the 4 MB default message limit.
            for (int start = 0; start < files.Length; start += 8)
            {
                var request = new HashImagesRequest();
                for (int i = start; i < Math.Min(files.Length, start + 8); i++)
                {
                    request.Images.Add(new Image { ImageId = files[i].Name, Content = files[i].Content });
                }
                HashImagesResponse response = await service.HashImagesAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (ImageHash hash in response.Hashes)
                {
                    if (hash.Error.Length == 0 && hash.PdqHex.Length == 64)
                    {
                        hashes.Add(new ImageHashEntry(hash.ImageId, hash.PdqHex, hash.Quality));
                    }
                }
            }
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"HashImages failed ({e.StatusCode}: {e.Status.Detail}); pdq_hex listings use the PDQ reference vectors instead");
            return null;
        }
        if (hashes.Count == 0)
        {
            Console.Error.WriteLine("HashImages returned no usable hash; pdq_hex listings use the PDQ reference vectors instead");
            return null;
        }
        return hashes.ToArray();
    }

    private static ImageHashEntry[] LoadReferenceHashes(string csvPath)
    {
        var hashes = new List<ImageHashEntry>();
        foreach (string line in File.ReadLines(csvPath).Skip(1))
        {
            string[] cells = line.Split(',');
            if (cells.Length == 3 && cells[1].Length == 64)
            {
                hashes.Add(new ImageHashEntry(cells[0], cells[1], int.Parse(cells[2], CultureInfo.InvariantCulture)));
            }
        }
        if (hashes.Count == 0)
        {
            throw new InvalidDataException($"{csvPath}: no hashes");
        }
        return hashes.ToArray();
    }
}
