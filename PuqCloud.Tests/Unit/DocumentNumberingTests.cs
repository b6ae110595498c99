using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Tests.Unit;

public sealed class DocumentNumberingTests
{
    private static readonly DateTime March5 = new(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("INV-{YEAR}-{NUMBER:5}", 42, "INV-2026-00042")]
    [InlineData("{YEAR}/{MONTH}/{DAY}/{NUMBER}", 7, "2026/03/05/7")]
    [InlineData("PRO{NUMBER:3}", 12345, "PRO12345")]
    [InlineData("CN-{NUMBER}", 1, "CN-1")]
    public void Render_fills_the_placeholders(string format, long number, string expected) =>
        DocumentNumbering.Render(format, number, March5).Should().Be(expected);

    [Fact]
    public void A_yearly_counter_starts_again_at_1_in_a_new_year()
    {
        const string format = "INV-{YEAR}-{NUMBER:4}";
        var (first, state) = DocumentNumbering.Next(format, NumberResetPolicy.Yearly, new NumberingState(41, "2025"), new DateTime(2025, 12, 31, 23, 59, 0, DateTimeKind.Utc));
        first.Should().Be("INV-2025-0041");
        state.Should().Be(new NumberingState(42, "2025"));

        var (second, after) = DocumentNumbering.Next(format, NumberResetPolicy.Yearly, state, new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc));
        second.Should().Be("INV-2026-0001");
        after.Should().Be(new NumberingState(2, "2026"));
    }

    [Fact]
    public void A_monthly_counter_resets_when_the_month_changes_and_never_resets_never()
    {
        var (number, state) = DocumentNumbering.Next("{YEAR}{MONTH}-{NUMBER}", NumberResetPolicy.Monthly, new NumberingState(9, "2026-02"), March5);
        number.Should().Be("202603-1");
        state.Should().Be(new NumberingState(2, "2026-03"));
        DocumentNumbering.Next("{YEAR}{MONTH}-{NUMBER}", NumberResetPolicy.Monthly, state, March5.AddDays(3)).Number.Should().Be("202603-2");

        var (plain, never) = DocumentNumbering.Next("N{NUMBER}", NumberResetPolicy.Never, new NumberingState(1000, null), March5.AddYears(3));
        plain.Should().Be("N1000");
        never.Should().Be(new NumberingState(1001, null));
    }

    [Fact]
    public void A_counter_that_never_counted_keeps_the_number_it_was_set_to()
    {
        DocumentNumbering.Next("INV-{YEAR}-{NUMBER}", NumberResetPolicy.Yearly, new NumberingState(500, null), March5)
            .Should().Be(("INV-2026-500", new NumberingState(501, "2026")));
    }

    [Theory]
    [InlineData("INV-{YEAR}-{NUMBER:5}", NumberResetPolicy.Yearly, true)]
    [InlineData("{NUMBER}", NumberResetPolicy.Never, true)]
    [InlineData("INV-{YEAR}", NumberResetPolicy.Never, false)]
    [InlineData("{NUMBER}-{NUMBER}", NumberResetPolicy.Never, false)]
    [InlineData("INV-{NUMBER}", NumberResetPolicy.Yearly, false)]
    [InlineData("INV-{YEAR}-{NUMBER}", NumberResetPolicy.Monthly, false)]
    [InlineData("{YEAR}{MONTH}{NUMBER}", NumberResetPolicy.Monthly, true)]
    [InlineData("INV-{YEAR:2}-{NUMBER}", NumberResetPolicy.Never, false)]
    [InlineData("INV-{NUMBER:13}", NumberResetPolicy.Never, false)]
    [InlineData("INV-{WEEK}-{NUMBER}", NumberResetPolicy.Never, false)]
    [InlineData("", NumberResetPolicy.Never, false)]
    public void Formats_that_could_repeat_numbers_are_refused(string format, NumberResetPolicy policy, bool valid) =>
        (DocumentNumbering.Problem(format, policy) is null).Should().Be(valid);
}
