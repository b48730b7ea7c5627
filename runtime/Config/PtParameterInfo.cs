namespace PtToolkit.Config;

/// <summary>
/// One configuration parameter as its spec declares it (grammar as data): generated into
/// <c>Parameters</c> of each config spec, for documentation, tools (<c>ptkit env</c>) and fuzzers.
/// </summary>
/// <param name="Name">The property name.</param>
/// <param name="Type">The spec type: a value grammar (<c>versions</c>, <c>bindaddrs</c>, ...) or an enum's name.</param>
/// <param name="Variable">The environment variable, or empty.</param>
/// <param name="Flag">The flag with its dash, or empty.</param>
/// <param name="Side"><c>common</c>, <c>client</c> or <c>server</c>.</param>
/// <param name="Rules">The spec's rules text (<c>required unless ...; conflicts ...</c>), or empty.</param>
/// <param name="Sections">Where the documents define it.</param>
/// <param name="Doc">The spec's description.</param>
public sealed record PtParameterInfo(string Name, string Type, string Variable, string Flag, string Side, string Rules, string Sections, string Doc);
