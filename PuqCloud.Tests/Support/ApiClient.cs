using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PuqCloud.Tests.Support;

/// <summary>Small helpers for calling the admin API as a script would.</summary>
public static class ApiClient
{
    public static async Task<HttpResponseMessage> RequestTokenAsync(this HttpClient client, string email, string password, string? totpCode = null) =>
        await client.PostAsJsonAsync("/api/admin/v1/auth/token", new { email, password, totpCode });

    public static async Task<string> GetTokenAsync(this HttpClient client, string email, string password, string? totpCode = null)
    {
        var response = await client.RequestTokenAsync(email, password, totpCode);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Token request failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
