using ClassifyRpc.Decisions;
using ClassifyRpc.Registry;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using RpcStatus = Google.Rpc.Status;

namespace ClassifyRpc.Server.Internal;

/// <summary>
/// Rich gRPC errors (google.rpc.Status in grpc-status-details-bin). Only reached on failure paths, so
/// they are kept out of the services' hot code.
/// </summary>
internal static class RpcErrors
{
    /// <summary>Trailers are headers: a registry with thousands of errors must not blow the peer's
    /// header limit (Grpc.Net.Client: 64 KiB). The first ones are the useful ones anyway.</summary>
    internal const int MaxReportedRegistryErrors = 50;

    public const string Domain = "classify.v1";

    /// <summary>INVALID_ARGUMENT with google.rpc.BadRequest naming each bad field.</summary>
    public static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        foreach (var v in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description });
        }
        var first = violations[0];
        var message = violations.Count == 1
            ? $"{first.Field}: {first.Description}"
            : $"{first.Field}: {first.Description} (and {violations.Count - 1} more field violation(s))";
        var status = new RpcStatus
        {
            Code = (int)Code.InvalidArgument,
            Message = message,
            Details = { Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)]);

    /// <summary>INTERNAL for a listing the engine could not judge although it was valid.</summary>
    public static RpcException Internal(string error) =>
        new RpcStatus { Code = (int)Code.Internal, Message = error }.ToRpcException();

    /// <summary>FAILED_PRECONDITION for a registry folder that did not load: a readable message, one
    /// PreconditionFailure violation per error (subject = file:line, type = key), and an ErrorInfo.</summary>
    public static RpcException RegistryDidNotLoad(RegistryLoadException error, string servingVersion)
    {
        var failure = new PreconditionFailure();
        var count = Math.Min(error.Errors.Count, MaxReportedRegistryErrors);
        for (var i = 0; i < count; i++)
        {
            var e = error.Errors[i];
            failure.Violations.Add(new PreconditionFailure.Types.Violation
            {
                Type = e.Key,
                Subject = e.Line > 0 ? $"{e.File}:{e.Line}" : e.File,
                Description = e.Message,
            });
        }

        var info = new ErrorInfo
        {
            Reason = "REGISTRY_DID_NOT_LOAD",
            Domain = Domain,
            Metadata =
            {
                ["folder"] = error.Folder,
                ["errors"] = error.Errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["serving_version"] = servingVersion,
            },
        };

        var shown = string.Join("; ", error.Errors.Take(3));
        var more = error.Errors.Count > 3 ? $"; and {error.Errors.Count - 3} more" : "";
        var status = new RpcStatus
        {
            Code = (int)Code.FailedPrecondition,
            Message = $"registry '{error.Folder}' did not load ({error.Errors.Count} error(s)): {shown}{more}; still serving version {servingVersion}"
                .ReplaceLineEndings(" "),
            Details = { Any.Pack(failure), Any.Pack(info) },
        };
        return status.ToRpcException();
    }
}
