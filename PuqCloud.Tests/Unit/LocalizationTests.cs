using System.Text.RegularExpressions;
using System.Xml.Linq;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Unit;

/// <summary>English texts are the keys, so English is always complete; Polish must cover every text of the shell.</summary>
public sealed partial class LocalizationTests
{
    [Fact]
    public void Every_text_of_the_console_has_a_polish_translation_and_none_is_stale()
    {
        var used = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "PuqCloud.Web", "Components"), "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".razor", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(file => TextKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"")))
            .ToHashSet();
        var polish = XDocument.Load(Path.Combine(RepositoryRoot.Path, "PuqCloud.Web", "Resources", "SharedResource.pl.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        used.Should().NotBeEmpty();
        used.Except(polish.Keys).Should().BeEmpty("every text on a page needs its Polish translation");
        polish.Keys.Except(used).Should().BeEmpty("a translation nobody uses is stale");
        polish.Where(p => string.IsNullOrWhiteSpace(p.Value)).Should().BeEmpty();
    }

    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)*)"\]""")]
    private static partial Regex TextKey();
}
