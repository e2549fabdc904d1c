using System.Text.Json;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// The environment the README's run command (`dotnet run --project src/ClassifyRpc.Server`) gives the server: the
/// environment variables of the first "Project" profile in src/ClassifyRpc.Server/Properties/launchSettings.json.
/// The harness starts the built dll directly (see <see cref="ServerProcess"/>) and applies the same variables, so it
/// measures the server as it is run; one that is already set in the harness's own environment wins, which is how an
/// A/B overrides a setting without editing the profile.
/// </summary>
internal static class LaunchProfile
{
    public static Dictionary<string, string> Environment(string repoRoot)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        string path = Path.Combine(repoRoot, "src", "ClassifyRpc.Server", "Properties", "launchSettings.json");
        if (!File.Exists(path))
        {
            return variables;
        }
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("profiles", out JsonElement profiles))
        {
            return variables;
        }
        foreach (JsonProperty profile in profiles.EnumerateObject())
        {
            if (!profile.Value.TryGetProperty("commandName", out JsonElement command) || command.GetString() != "Project")
            {
                continue;
            }
            if (profile.Value.TryGetProperty("environmentVariables", out JsonElement environment))
            {
                foreach (JsonProperty variable in environment.EnumerateObject())
                {
                    string value = System.Environment.GetEnvironmentVariable(variable.Name) ?? variable.Value.GetString() ?? "";
                    variables[variable.Name] = value;
                }
            }
            break;
        }
        return variables;
    }
}
