using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using PtToolkit.Config;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Config;

/// <summary>Config → launch (variables or flags) → config gives the config back; any input binds or fails, never throws.</summary>
public class ConfigBindingPropertyTests
{
    [Property(Arbitrary = new[] { typeof(ConfigRecordArbitraries) }, MaxTest = 300)]
    public void Client_configs_round_trip_through_variables_and_through_flags(ClientCase c)
    {
        foreach (var style in new[] { PtLaunchStyle.Environment, PtLaunchStyle.Flags })
        {
            var binding = PtClientConfig.Bind(PtConfigSource.FromLaunch(c.Config.ToLaunch(style)));
            Assert.True(binding.Succeeded, style + ": " + binding.Error);
            Assert.Equal(c.Config, binding.Config);
            Assert.Equal("1", binding.Version);
        }
        Assert.False(c.Config.Validate().IsError);
    }

    [Property(Arbitrary = new[] { typeof(ConfigRecordArbitraries) }, MaxTest = 300)]
    public void Server_configs_round_trip_through_variables_and_through_flags(ServerCase c)
    {
        foreach (var style in new[] { PtLaunchStyle.Environment, PtLaunchStyle.Flags })
        {
            var launch = c.Config.ToLaunch(style);
            var binding = PtServerConfig.Bind(PtConfigSource.FromLaunch(launch));
            Assert.True(binding.Succeeded, style + ": " + binding.Error);
            Assert.Equal(c.Config, binding.Config);
        }
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 500)]
    public void Any_text_in_any_variable_binds_or_fails_with_one_line(ConfigText a, ConfigText b, ConfigText c)
    {
        var names = PtConfig.Parameters.Where(p => p.Variable.Length > 0).Select(p => p.Variable).ToArray();
        var values = new[] { a.Value, b.Value, c.Value };
        var environment = new Dictionary<string, string>();
        for (int i = 0; i < names.Length; i++) environment[names[i]] = values[i % 3];
        environment["TOR_PT_MANAGED_TRANSPORT_VER"] = "1," + a.Value;
        foreach (var binding in new[] { PtClientConfig.Bind(PtConfigSource.FromEnvironment(environment)).Error, PtServerConfig.Bind(PtConfigSource.FromEnvironment(environment)).Error })
        {
            if (binding.IsError) Assert.DoesNotContain('\n', binding.FormatLine());
        }
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 500)]
    public void Any_arguments_bind_or_fail_with_one_line(ConfigText a, ConfigText b, ConfigText c)
    {
        var flags = PtConfig.Parameters.Where(p => p.Flag.Length > 0).Select(p => p.Flag).Distinct().ToArray();
        int pick = (a.Value.Length + b.Value.Length * 7) % flags.Length;
        var arguments = new[] { flags[pick], a.Value, b.Value, "-" + c.Value, c.Value, flags[(pick + 3) % flags.Length] };
        var source = PtConfigSource.FromArguments(arguments);
        foreach (var error in new[] { PtClientConfig.Bind(source).Error, PtServerConfig.Bind(source).Error })
        {
            if (error.IsError) Assert.DoesNotContain('\n', error.FormatLine());
        }
    }
}
