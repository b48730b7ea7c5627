using System;
using System.Reflection;
using System.Runtime.Loader;
using PtToolkit.Text;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// Generates the bindings of <see cref="SampleSpec"/>, compiles them with the probe and loads the result into a
/// collectible context, once for the tests of a class; unloads it afterwards.
/// </summary>
public sealed class SampleAssemblyFixture : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly Type _probe;

    /// <summary>Runs the generator and loads the compiled sample.</summary>
    public SampleAssemblyFixture()
    {
        Run = GeneratorHarness.Run(new[] { SampleSpec.Source }, GeneratorHarness.Spec(SampleSpec.FileName, SampleSpec.Text));
        (_context, var assembly) = GeneratorHarness.Load(Run.Output);
        _probe = assembly.GetType("Sample.Bindings.Probe", throwOnError: true)!;
    }

    internal GeneratorRun Run { get; }

    /// <summary>Calls a static method of the compiled probe class.</summary>
    public object? Call(string method, params object[] arguments)
    {
        var info = _probe.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(_probe.FullName, method);
        return info.Invoke(null, arguments);
    }

    /// <summary>The owned message that the generated dispatcher made of <paramref name="line"/>, or null.</summary>
    public IPtMessage? ParseOwned(string line, bool onlyV1 = false) => (IPtMessage?)Call("ParseOwned", line, onlyV1);

    /// <inheritdoc/>
    public void Dispose() => _context.Unload();
}
