using System.Threading.Channels;
using Grpc.Core;

namespace ClassifyRpc.Server.Internal;

/// <summary>
/// Runs a bidirectional stream as three stages, each sequential so order is kept: read (deserialize)
/// batch N+1 while batch N is judged, while batch N-1 is serialized and written. A scheduler keeps
/// several batches in flight, so without this one stream would use one core for all three in turn.
/// Bounded hand-offs (two batches per stage) keep memory flat when the client reads slower than it
/// writes: back-pressure reaches the client through HTTP/2 flow control.
/// </summary>
internal static class StreamPipeline
{
    private static readonly BoundedChannelOptions s_handOff = new(2)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    };

    public static async Task RunAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        Func<TRequest, CancellationToken, TResponse> process,
        CancellationToken callCancelled)
    {
        // Any stage that fails cancels the others, so none waits forever on a hand-off nobody drains.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(callCancelled);
        var token = failed.Token;
        var toProcess = Channel.CreateBounded<TRequest>(s_handOff);
        var toWrite = Channel.CreateBounded<TResponse>(s_handOff);

        var reading = ReadAsync(requests, toProcess.Writer, failed);
        var processing = Task.Run(() => ProcessAsync(toProcess.Reader, toWrite.Writer, process, failed), token);
        var writing = WriteAsync(toWrite.Reader, responses, failed);

        // WhenAll surfaces a real fault ahead of the cancellations it caused in the other stages.
        await Task.WhenAll(reading, processing, writing).ConfigureAwait(false);
    }

    private static async Task ReadAsync<TRequest>(IAsyncStreamReader<TRequest> requests, ChannelWriter<TRequest> output, CancellationTokenSource failed)
    {
        var token = failed.Token;
        try
        {
            while (await requests.MoveNext(token).ConfigureAwait(false))
            {
                await output.WriteAsync(requests.Current, token).ConfigureAwait(false);
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ProcessAsync<TRequest, TResponse>(ChannelReader<TRequest> input, ChannelWriter<TResponse> output,
        Func<TRequest, CancellationToken, TResponse> process, CancellationTokenSource failed)
    {
        var token = failed.Token;
        try
        {
            while (await input.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (input.TryRead(out var request))
                {
                    await output.WriteAsync(process(request, token), token).ConfigureAwait(false);
                }
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task WriteAsync<TResponse>(ChannelReader<TResponse> input, IServerStreamWriter<TResponse> responses, CancellationTokenSource failed)
    {
        var token = failed.Token;
        try
        {
            while (await input.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (input.TryRead(out var response))
                {
                    await responses.WriteAsync(response, token).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
