using Scipion.Demo;

// A real workflow on synthetic data, driven over the REST contract as a portal would: movies with known drift
// are uploaded straight to storage, movie alignment runs on RELION, and half maps get a local-resolution map.
var host = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:7071");
var portal = await Portal.SignInAsync(host, "demo-scientist");
await new DemoTour(portal, Console.Out).RunAsync();
