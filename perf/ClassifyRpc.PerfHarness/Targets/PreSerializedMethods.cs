using ClassifyRpc.V1;
using Google.Protobuf;
using Grpc.Core;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// The Classifier methods with a request marshaller that writes pre-serialized bytes (<see cref="Serialized{T}"/>)
/// and the usual protobuf parser for answers (the harness checks every answer, so it parses them). Same service and
/// method names as the generated client: the server cannot tell the difference.
/// </summary>
internal static class PreSerializedMethods
{
    private static readonly string s_service = Classifier.Descriptor.FullName;

    public static readonly Method<Serialized<ClassifyBatch>, DecisionBatch> ClassifyStream =
        new(MethodType.DuplexStreaming, s_service, "ClassifyStream", Writer<ClassifyBatch>(), Reader(DecisionBatch.Parser));

    public static readonly Method<Serialized<ClassifyRequest>, ClassifyResponse> Classify =
        new(MethodType.Unary, s_service, "Classify", Writer<ClassifyRequest>(), Reader(ClassifyResponse.Parser));

    public static readonly Method<Serialized<QueryRequest>, QueryResponse> ClassifyQuery =
        new(MethodType.Unary, s_service, "ClassifyQuery", Writer<QueryRequest>(), Reader(QueryResponse.Parser));

    private static Marshaller<Serialized<T>> Writer<T>()
        where T : IMessage<T> =>
        new(
            static (request, context) => context.Complete(request.Bytes),
            static _ => throw new NotSupportedException("the harness only sends these"));

    private static Marshaller<T> Reader<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        new(
            static (_, _) => throw new NotSupportedException("the harness only receives these"),
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}
