using Scipion.Bench.Upload;

// Not a test: prints throughput, asserts nothing. See docs/cli.md.
return await UploadBenchmark.RunAsync(BenchOptions.Parse(args));
