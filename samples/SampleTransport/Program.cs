using PtToolkit.Config;
using PtToolkit.Hosting;
using PtToolkit.Samples.SampleTransport;

// A managed PT: a parent launches it with TOR_PT_* variables (PT 1.0, as tor does) or dispatcher flags (PT 2.2); it is
// a client or a server as they say. PT 1.0 is preferred, so tor, which offers "1", gets it.
return await PtHost.RunAsync(PtConfigSource.FromProcess(args, ["1", "2.2"]), new SampleTransport());
