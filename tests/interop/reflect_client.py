#!/usr/bin/python3
"""A grpcurl-style client for ClassifyRpc built only from Debian packages (python3-grpcio,
python3-grpc-tools, python3-protobuf, grpc-proto) and what the server itself says through reflection.

    /usr/bin/python3 tests/interop/reflect_client.py 127.0.0.1:50051            # smoke run of every call
    /usr/bin/python3 tests/interop/reflect_client.py 127.0.0.1:50051 list       # like `grpcurl -plaintext ADDR list`
    /usr/bin/python3 tests/interop/reflect_client.py 127.0.0.1:50051 call classify.v1.Classifier/Classify '{"listing": ...}'
        # like `grpcurl -plaintext -d '{...}' ADDR classify.v1.Classifier/Classify`; for a client stream give
        # several JSON objects one after the other, as grpcurl reads them; errors print as JSON, exit 1

It never sees classify.proto: it lists services through grpc.reflection.v1 (falling back to v1alpha),
fetches the FileDescriptorProtos of classify.v1 from the server, builds message classes from them,
parses the request bodies from proto3 JSON (as `grpcurl -d` does) and prints every answer as JSON.
"""
import json
import os
import sys
import tempfile

import grpc
from google.protobuf import descriptor_pb2, json_format, message_factory
from grpc_tools import protoc

GRPC_PROTO_ROOT = "/usr/share/grpc-proto"  # Debian's grpc-proto package


def compile_debian_proto(relative):
    """Message classes for one .proto of Debian's grpc-proto, compiled with grpc_tools' protoc into a
    descriptor set (the Debian grpc_tools predates generated-code compatibility with this protobuf)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "set.pb")
        rc = protoc.main(["protoc", "-I" + GRPC_PROTO_ROOT, "--include_imports",
                          "--descriptor_set_out=" + out, relative])
        if rc != 0:
            raise SystemExit(f"protoc failed on {relative}")
        files = descriptor_pb2.FileDescriptorSet.FromString(open(out, "rb").read()).file
    return message_factory.GetMessages(list(files))


def rpc_status_classes():
    """google.rpc.Status and BadRequest / PreconditionFailure, declared here because Debian ships no
    google/rpc protos; field numbers as in googleapis."""
    f = descriptor_pb2.FileDescriptorProto(name="interop/google_rpc.proto", package="google.rpc",
                                           dependency=["google/protobuf/any.proto"], syntax="proto3")
    F = descriptor_pb2.FieldDescriptorProto

    def message(name, *fields):
        m = f.message_type.add(name=name)
        for number, (fname, ftype, label, type_name) in enumerate(fields, start=1):
            m.field.add(name=fname, number=number, type=ftype, label=label, type_name=type_name, json_name=
                        fname.split("_")[0] + "".join(p.title() for p in fname.split("_")[1:]))
        return m

    opt, rep = F.LABEL_OPTIONAL, F.LABEL_REPEATED
    message("Status", ("code", F.TYPE_INT32, opt, None), ("message", F.TYPE_STRING, opt, None),
            ("details", F.TYPE_MESSAGE, rep, ".google.protobuf.Any"))
    bad = message("BadRequest", ("field_violations", F.TYPE_MESSAGE, rep, ".google.rpc.BadRequest.FieldViolation"))
    v = bad.nested_type.add(name="FieldViolation")
    v.field.add(name="field", number=1, type=F.TYPE_STRING, label=opt, json_name="field")
    v.field.add(name="description", number=2, type=F.TYPE_STRING, label=opt, json_name="description")
    pre = message("PreconditionFailure", ("violations", F.TYPE_MESSAGE, rep, ".google.rpc.PreconditionFailure.Violation"))
    pv = pre.nested_type.add(name="Violation")
    for number, name in enumerate(("type", "subject", "description"), start=1):
        pv.field.add(name=name, number=number, type=F.TYPE_STRING, label=opt, json_name=name)
    from google.protobuf import any_pb2
    any_file = descriptor_pb2.FileDescriptorProto()
    any_pb2.DESCRIPTOR.CopyToProto(any_file)
    return message_factory.GetMessages([any_file, f])


class ReflectedServer:
    """Descriptors fetched from the server through reflection, as grpcurl does."""

    def __init__(self, channel):
        self.channel = channel
        self.api = None
        for version in ("v1", "v1alpha"):
            classes = compile_debian_proto(f"grpc/reflection/{version}/reflection.proto")
            self.request_type = classes[f"grpc.reflection.{version}.ServerReflectionRequest"]
            self.response_type = classes[f"grpc.reflection.{version}.ServerReflectionResponse"]
            self.method = f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo"
            try:
                self.services = [s.name for s in self._ask(list_services="").list_services_response.service]
                self.api = version
                break
            except grpc.RpcError as e:
                if e.code() != grpc.StatusCode.UNIMPLEMENTED:
                    raise
        if self.api is None:
            raise SystemExit("server reflection is not available")

    def _ask(self, **request):
        call = self.channel.stream_stream(self.method, request_serializer=self.request_type.SerializeToString,
                                          response_deserializer=self.response_type.FromString)
        response = next(iter(call(iter([self.request_type(**request)]))))
        if response.HasField("error_response"):
            raise SystemExit(f"reflection error: {response.error_response.error_message}")
        return response

    def classes_for(self, symbol):
        """Message classes of the file defining `symbol` and of everything it imports."""
        response = self._ask(file_containing_symbol=symbol)
        files = [descriptor_pb2.FileDescriptorProto.FromString(b)
                 for b in response.file_descriptor_response.file_descriptor_proto]
        classes = message_factory.GetMessages(files)
        services = {f"{fd.package}.{s.name}": s for fd in files for s in fd.service}
        return classes, services


class Client:
    def __init__(self, channel, reflected, service):
        self.channel = channel
        self.classes, services = reflected.classes_for(service)
        self.service = service
        self.methods = {m.name: m for m in services[service].method}

    def _types(self, method):
        m = self.methods[method]
        return self.classes[m.input_type.lstrip(".")], self.classes[m.output_type.lstrip(".")]

    def unary(self, method, body):
        request_type, response_type = self._types(method)
        request = json_format.Parse(json.dumps(body), request_type())
        call = self.channel.unary_unary(f"/{self.service}/{method}", request_serializer=request_type.SerializeToString,
                                        response_deserializer=response_type.FromString)
        return json_format.MessageToDict(call(request, timeout=30))

    def bidi(self, method, bodies):
        request_type, response_type = self._types(method)
        requests = [json_format.Parse(json.dumps(b), request_type()) for b in bodies]
        call = self.channel.stream_stream(f"/{self.service}/{method}", request_serializer=request_type.SerializeToString,
                                          response_deserializer=response_type.FromString)
        return [json_format.MessageToDict(r) for r in call(iter(requests), timeout=60)]


def describe_error(error, status_classes):
    result = {"code": error.code().name, "message": error.details()}
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_classes["google.rpc.Status"].FromString(value)
            for detail in status.details:
                if detail.type_url.endswith("/google.rpc.BadRequest"):
                    bad = status_classes["google.rpc.BadRequest"].FromString(detail.value)
                    result["field_violations"] = [{"field": v.field, "description": v.description}
                                                  for v in bad.field_violations]
                elif detail.type_url.endswith("/google.rpc.PreconditionFailure"):
                    failure = status_classes["google.rpc.PreconditionFailure"].FromString(detail.value)
                    result["precondition_violations"] = [
                        {"type": v.type, "subject": v.subject, "description": v.description}
                        for v in failure.violations]
    return result


def parse_bodies(text):
    """Whitespace-separated JSON objects, as `grpcurl -d` accepts them for streams."""
    decoder, bodies, i = json.JSONDecoder(), [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return bodies
        body, i = decoder.raw_decode(text, i)
        bodies.append(body)


def call_one(target, method_path, text):
    service, method = method_path.split("/")
    with grpc.insecure_channel(target) as channel:
        reflected = ReflectedServer(channel)
        if service == "grpc.health.v1.Health":
            # Health is served by its own well-known file; build it from Debian's health.proto.
            health = compile_debian_proto("grpc/health/v1/health.proto")
            request_type = health["grpc.health.v1.HealthCheckRequest"]
            response_type = health["grpc.health.v1.HealthCheckResponse"]
            call = channel.unary_unary(f"/{method_path}", request_serializer=request_type.SerializeToString,
                                       response_deserializer=response_type.FromString)
            return json_format.MessageToDict(call(json_format.Parse(text or "{}", request_type()), timeout=30))
        client = Client(channel, reflected, service)
        m = client.methods[method]
        bodies = parse_bodies(text or "{}")
        if m.client_streaming or m.server_streaming:
            return client.bidi(method, bodies)
        return client.unary(method, bodies[0] if bodies else {})


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:50051"
    if len(sys.argv) > 2 and sys.argv[2] == "list":
        with grpc.insecure_channel(target) as channel:
            print("\n".join(sorted(ReflectedServer(channel).services)))
        return
    if len(sys.argv) > 3 and sys.argv[2] == "call":
        try:
            result = call_one(target, sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
        except grpc.RpcError as e:
            json.dump(describe_error(e, rpc_status_classes()), sys.stdout, indent=2, sort_keys=True)
            print()
            sys.exit(1)
        json.dump(result, sys.stdout, indent=2, sort_keys=True)
        print()
        return
    out = {}
    with grpc.insecure_channel(target) as channel:
        reflected = ReflectedServer(channel)
        out["reflection_api"] = reflected.api
        out["services"] = sorted(reflected.services)

        admin = Client(channel, reflected, "classify.v1.RegistryAdmin")
        out["registry_info"] = admin.unary("GetRegistryInfo", {})

        classifier = Client(channel, reflected, "classify.v1.Classifier")
        out["classify"] = classifier.unary("Classify", {
            "listing": {"listingId": "L1", "storefrontId": "19885566", "title": "Cute Squishmallows plush"},
            "channel": "CHANNEL_ADVERTISING",
        })
        out["classify_stream"] = classifier.bidi("ClassifyStream", [
            {"batchId": "b1", "channel": "CHANNEL_EMAIL", "listings": [
                {"listingId": "L1", "storefrontId": "19885566", "title": "Squishmallows 20cm"},
                {"listingId": "L2", "storefrontId": "19885566", "title": "Teddy bear", "keywords": ["plush"]}]},
            {"batchId": "b2", "channel": "CHANNEL_EMAIL", "listings": [{"storefrontId": "19885566", "title": "no id"}]},
        ])
        out["classify_query"] = classifier.unary("ClassifyQuery", {"query": "snugglewomp plush"})

        try:
            classifier.unary("Classify", {"listing": {"listingId": "L1", "title": "x"}})
            out["classify_invalid"] = {"code": "OK"}
        except grpc.RpcError as e:
            out["classify_invalid"] = describe_error(e, rpc_status_classes())

        health = compile_debian_proto("grpc/health/v1/health.proto")
        check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                    request_serializer=health["grpc.health.v1.HealthCheckRequest"].SerializeToString,
                                    response_deserializer=health["grpc.health.v1.HealthCheckResponse"].FromString)
        status = check(health["grpc.health.v1.HealthCheckRequest"](service=""), timeout=30).status
        out["health"] = health["grpc.health.v1.HealthCheckResponse"].ServingStatus.Name(status)

    json.dump(out, sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
