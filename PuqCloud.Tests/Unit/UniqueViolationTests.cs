using PuqCloud.Core.Common.Behaviours;

namespace PuqCloud.Tests.Unit;

/// <summary>The unique-index violations of each database, read for the column they are about.</summary>
public sealed class UniqueViolationTests
{
    [Theory]
    [InlineData("SQLite Error 19: 'UNIQUE constraint failed: Options.GroupId, Options.Key'.", "Key")]
    [InlineData("23505: duplicate key value violates unique constraint \"IX_ClientUsers_Email\"", "Email")]
    public void A_unique_violation_names_its_column(string message, string column)
    {
        var postgres = message.StartsWith("23505", StringComparison.Ordinal);
        UniqueViolation.ColumnOf(new FakeDbException(message, postgres ? "23505" : null)).Should().Be(column);
        UniqueViolation.Describe("Email").Should().Be("e-mail address");
        UniqueViolation.Describe("ProductKey").Should().Be("product key");
    }

    [Fact]
    public void A_violated_primary_key_names_its_last_column_through_the_model()
    {
        var violation = new FakeDbException("23505: duplicate key value violates unique constraint \"PK_ProductAttributeLinks\"", "23505");

        UniqueViolation.ColumnOf(violation, name => name == "PK_ProductAttributeLinks" ? "AttributeId" : null).Should().Be("AttributeId");
        UniqueViolation.ColumnOf(violation).Should().BeNull("without the model the key's columns are unknown");
    }

    private sealed class FakeDbException(string message, string? sqlState) : System.Data.Common.DbException(message)
    {
        public override string? SqlState => sqlState;
    }
}
