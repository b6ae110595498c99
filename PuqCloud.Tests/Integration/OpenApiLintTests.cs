using System.Diagnostics;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The API description passes Redocly's linter (tools/openapi-lint: @redocly/cli with its recommended rules, every
/// finding an error), so that a typed client generated from it needs no casts.
/// </summary>
public sealed class OpenApiLintTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task The_openapi_document_passes_redocly_lint()
    {
        var redocly = Environment.GetEnvironmentVariable("PUQ_TEST_REDOCLY") is { Length: > 0 } path ? path : LocalInstall();
        File.Exists(redocly).Should().BeTrue($"the linter is not at {redocly}: run the tests with scripts/test.sh, which installs it (npm ci in tools/openapi-lint), or set PUQ_TEST_REDOCLY");
        var folder = Directory.CreateTempSubdirectory("puq-openapi-");
        try
        {
            var document = Path.Combine(folder.FullName, "v1.json");
            await File.WriteAllTextAsync(document, await fixture.App.CreateClient().GetStringAsync("/openapi/v1.json"));
            // Kept for a look after the run (artifacts/ is not committed).
            File.Copy(document, Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "openapi")).FullName, "v1.json"), overwrite: true);
            var config = Path.Combine(RepositoryRoot.Path, "tools", "openapi-lint", "redocly.yaml");

            var start = new ProcessStartInfo(redocly, ["lint", document, "--config", config, "--format", "stylish", "--max-problems", "2000"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder.FullName,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();

            lint.ExitCode.Should().Be(0, "redocly lint found problems:\n{0}\n{1}", await output, await errors);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string LocalInstall() => Path.Combine(RepositoryRoot.Path, "tools", "openapi-lint", "node_modules", ".bin", "redocly");
}
