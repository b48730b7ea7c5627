using PtToolkit.Hosting;
using PtToolkit.Samples.SampleTransport;

// A managed PT: tor (or ptkit demo) launches it with TOR_PT_* variables; it is a client or a server as they say.
return await PtHost.RunAsync(args, new SampleTransport());
