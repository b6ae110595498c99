using System.Net;
using System.Net.Http.Json;

namespace PuqCloud.Tests.Support;

/// <summary>What catalog API tests do again and again.</summary>
public static class CatalogApiSteps
{
    /// <summary>A catalog key no other test uses (tests of a class share one database).</summary>
    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>POSTs the body, expects 201 Created and answers the new record's id.</summary>
    public static async Task<Guid> CreateForIdAsync(this HttpClient client, string url, object body)
    {
        var created = await client.PostAsJsonAsync(url, body);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }
}
