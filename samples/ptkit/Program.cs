using System.CommandLine;
using PtToolkit.Cli.Connect;
using PtToolkit.Cli.Demo;
using PtToolkit.Cli.Env;
using PtToolkit.Cli.Fuzz;
using PtToolkit.Cli.Ipc;
using PtToolkit.Cli.Spec;
using PtToolkit.Cli.Launch;

var root = new RootCommand("ptkit: tools for Tor's pluggable transport protocols, built on PtToolkit.")
{
    new Command("ipc", "The PT IPC line protocol (spec/pt-ipc.spec): lines a transport writes to its parent.")
    {
        IpcDecodeCommand.Create(),
        IpcEncodeCommand.Create(),
    },
    EnvCommand.Create(),
    DemoCommand.Create(),
    PtToolkit.Cli.Control.ControlCommand.Create(),
    FuzzCommand.Create(),
    SpecCommand.Create(),
    LaunchCommand.Create(),
    ConnectCommand.Create(),
};
return root.Parse(args).Invoke();
