using ClassifyRpc.Server;

// Everything lives in ClassifyRpcServer so tests and the perf harness start the very same host.
return await ClassifyRpcServer.RunAsync(args).ConfigureAwait(false);
