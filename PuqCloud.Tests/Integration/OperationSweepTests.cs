using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Every operation of the OpenAPI document, sent what a careless or hostile client sends: malformed JSON, bodies of
/// the wrong shape, values of the wrong type, nulls inside arrays, 100,000-character strings, unknown ids, and bad
/// query values, against unknown records and against real ones. Any 5xx fails, each named with what caused it.
/// </summary>
public abstract class OperationSweepTests(PuqAppFactory app)
{
    private const int LongText = 100_000;

    private enum Mode { WrongTypes, NullsEverywhere, LongStrings, UnknownIds }

    [Fact]
    public async Task No_operation_answers_a_server_error_to_bad_input()
    {
        var client = await app.SuperAdminClientAsync();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var realIds = await SeedAndCollectIdsAsync(client, document);
        // The client API takes a client user's token: a client that signed up, swept with its owner's token.
        var owner = await app.SignUpAsync();
        var clientApi = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);
        var failures = new List<string>();
        var sent = 0;

        // Deletions last, so that the other operations still find the real records.
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(m => m.Key is "get" or "post" or "put" or "delete" or "patch")
                .Select(m => (Path: path.Key, Method: m.Key, Operation: m.Value!.AsObject())))
            .OrderBy(o => o.Method == "delete").ThenBy(o => o.Path, StringComparer.Ordinal).ToList();

        foreach (var (template, method, operation) in operations)
        {
            foreach (var path in Paths(template, realIds).Distinct())
            {
                foreach (var (name, request) in Requests(method, path, operation, document))
                {
                    var isClientApi = template.StartsWith("/api/client/", StringComparison.Ordinal);
                    using var response = await (isClientApi ? clientApi : client).SendAsync(request);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{method.ToUpperInvariant()} {path} with {name}: {(int)response.StatusCode} {Cut(await response.Content.ReadAsStringAsync())}");
                    // A sweep of the sign-out or token operations may end this session: take a new one and go on.
                    if (response.StatusCode == HttpStatusCode.Unauthorized && isClientApi)
                        clientApi = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);
                    else if (response.StatusCode == HttpStatusCode.Unauthorized && !template.EndsWith("/auth/token", StringComparison.Ordinal))
                        client = await app.SuperAdminClientAsync();
                }
            }
        }

        sent.Should().BeGreaterThanOrEqualTo(operations.Count * 3, "every operation is sent several kinds of bad input");
        failures.Should().BeEmpty("no bad input may cause a server error");
    }

    /// <summary>The path with unknown ids, and (where one exists) with a real record's id in its first parameter.</summary>
    private static IEnumerable<string> Paths(string template, IReadOnlyDictionary<string, string> realIds)
    {
        yield return Fill(template, real: null);
        var first = template.IndexOf('{');
        if (first < 0) yield break;
        var collection = template[..(first - 1)];
        if (realIds.TryGetValue(collection, out var id)) yield return Fill(template, id);
    }

    private static string Fill(string template, string? real)
    {
        var result = new StringBuilder();
        var firstDone = false;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                result.Append(template[i]);
                continue;
            }
            var end = template.IndexOf('}', i);
            var name = template[(i + 1)..end];
            result.Append(!firstDone && real is not null ? real
                : name is "key" or "code" or "slot" ? "no-such-" + name
                : Guid.NewGuid().ToString());
            firstDone = true;
            i = end;
        }
        return result.ToString();
    }

    private static IEnumerable<(string Name, HttpRequestMessage Request)> Requests(string method, string path, JsonObject operation, JsonObject document)
    {
        var http = new HttpMethod(method.ToUpperInvariant());
        var query = operation["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!).ToList() ?? [];
        if (query.Count > 0)
        {
            yield return ("wrong query values", new HttpRequestMessage(http, path + "?" + string.Join("&", query.Select(q => $"{q}=%00not-valid%FF-{Uri.EscapeDataString("'\"<>")}&{q}=-1"))));
            yield return ("long query values", new HttpRequestMessage(http, path + "?" + string.Join("&", query.Select(q => $"{q}={new string('9', 4000)}"))));
        }
        var content = operation["requestBody"]?["content"]?.AsObject();
        if (content is null)
        {
            yield return ("no body", new HttpRequestMessage(http, path));
            yield break;
        }
        if (content.ContainsKey("multipart/form-data"))
        {
            yield return ("a multipart form without a file", Form(http, path, new MultipartFormDataContent { { new StringContent("x"), "other" } }));
            var huge = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("not an image")), "file", new string('a', 5000) + ".png" } };
            yield return ("a file that is not an image", Form(http, path, huge));
            yield return ("JSON instead of a form", Json(http, path, "{}"));
        }
        if (!content.ContainsKey("application/json")) yield break;
        var schema = content["application/json"]!["schema"]!;
        yield return ("malformed JSON", Json(http, path, "{\"a\": [1, 2,, }"));
        yield return ("a JSON null", Json(http, path, "null"));
        yield return ("an array instead of an object", Json(http, path, "[{}]"));
        yield return ("a string instead of an object", Json(http, path, "\"text\""));
        foreach (var mode in Enum.GetValues<Mode>())
            yield return (Describe(mode), Json(http, path, Build(schema, mode, document, depth: 0)?.ToJsonString() ?? "null"));
    }

    private static string Describe(Mode mode) => mode switch
    {
        Mode.WrongTypes => "values of the wrong type",
        Mode.NullsEverywhere => "nulls in every field and inside arrays",
        Mode.LongStrings => "100,000-character strings",
        _ => "unknown ids",
    };

    /// <summary>A value shaped by <paramref name="schema"/> and spoiled as <paramref name="mode"/> says.</summary>
    private static JsonNode? Build(JsonNode schema, Mode mode, JsonObject document, int depth)
    {
        if (depth > 6) return null;
        if (schema["$ref"] is { } reference)
            return Build(document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!, mode, document, depth + 1);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            if (schema[combinator] is JsonArray options)
                return options.Where(o => (string?)o!["type"] != "null").Select(o => Build(o!, mode, document, depth + 1)).FirstOrDefault();
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            JsonValue single => (string?)single,
            _ => schema["properties"] is not null ? "object" : schema["enum"] is not null ? "string" : null,
        };
        return type switch
        {
            "object" => Object(schema, mode, document, depth),
            "array" => mode == Mode.NullsEverywhere
                ? new JsonArray(null, Build(schema["items"] ?? new JsonObject(), mode, document, depth + 1))
                : new JsonArray(Build(schema["items"] ?? new JsonObject(), mode, document, depth + 1)),
            "integer" or "number" => mode switch
            {
                Mode.WrongTypes => JsonValue.Create("not a number"),
                Mode.LongStrings => JsonValue.Create(1e300),
                _ => JsonValue.Create(-1),
            },
            "boolean" => mode == Mode.WrongTypes ? JsonValue.Create("yes") : JsonValue.Create(true),
            "string" => mode switch
            {
                Mode.WrongTypes => JsonValue.Create(12345),
                Mode.LongStrings => JsonValue.Create(new string('x', LongText)),
                _ when schema["enum"] is JsonArray values => JsonValue.Create(mode == Mode.UnknownIds ? "NoSuchValue" : (string?)values[0]),
                _ when (string?)schema["format"] == "uuid" => JsonValue.Create(Guid.NewGuid()),
                _ => JsonValue.Create("x"),
            },
            _ => mode == Mode.WrongTypes ? JsonValue.Create(12345) : JsonValue.Create("x"),
        };
    }

    private static JsonNode Object(JsonNode schema, Mode mode, JsonObject document, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            result[name] = mode == Mode.NullsEverywhere && depth % 2 == 1 ? null : Build(property!, mode, document, depth + 1);
        if (schema["additionalProperties"] is JsonObject values)
        {
            result["en"] = Build(values, mode, document, depth + 1);
            if (mode == Mode.NullsEverywhere) result["pl"] = null;
        }
        return result;
    }

    /// <summary>Records of each kind, so that operations on a real record are swept too; answers the first id of each list.</summary>
    private static async Task<Dictionary<string, string>> SeedAndCollectIdsAsync(HttpClient client, JsonObject document)
    {
        const string v1 = "/api/admin/v1";
        var unique = Guid.NewGuid().ToString("N")[..8];
        var currencies = await (await client.GetAsync($"{v1}/currencies")).JsonAsync();
        var currency = (currencies.ValueKind == JsonValueKind.Array ? currencies : currencies.GetProperty("items")).EnumerateArray().First().GetProperty("id").GetGuid();
        await Seed(client, $"{v1}/product-groups", new { key = $"sweep-{unique}" });
        await Seed(client, $"{v1}/attribute-groups", new { key = $"sweep-{unique}" });
        await Seed(client, $"{v1}/option-groups", new { key = $"sweep-{unique}" });
        await Seed(client, $"{v1}/products", new { key = $"sweep-{unique}" });
        await Seed(client, $"{v1}/users", new { email = $"sweep-user-{unique}@example.test", password = "Sweep-password-1", firstName = "Sam", lastName = "Sweep", language = "en" });
        await Seed(client, $"{v1}/admins", new
        {
            email = $"sweep-admin-{unique}@example.test", firstName = "Ada", lastName = "Sweep", language = "en", groupIds = Array.Empty<Guid>(),
            password = "Sweep-password-1", confirmPassword = "Sweep-password-1",
        });
        await Seed(client, $"{v1}/groups", new { name = $"Sweep {unique}", type = "Staff" });
        await Seed(client, $"{v1}/clients", new
        {
            owner = new { email = $"sweep-owner-{unique}@example.test", password = "Owner-password-1" },
            firstName = "Olga", lastName = "Owner", language = "en", currencyId = currency,
            billingAddress = new { address1 = "Długa 1", city = "Gdańsk", countryCode = "PL" },
        });

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (path.Contains('{') || item!["get"] is null) continue;
            var response = await client.GetAsync(path);
            if (!response.IsSuccessStatusCode) continue;
            var body = await response.JsonAsync();
            var list = body.ValueKind == JsonValueKind.Array ? body : body.ValueKind == JsonValueKind.Object && body.TryGetProperty("items", out var items) ? items : default;
            if (list.ValueKind != JsonValueKind.Array) continue;
            // Never the signed-in super admin: a sweep of their own record could lock the sweep out.
            var record = list.EnumerateArray().FirstOrDefault(e => e.ValueKind == JsonValueKind.Object
                && !(e.TryGetProperty("email", out var email) && email.GetString() == PuqAppFactory.AdminEmail)
                && (e.TryGetProperty("id", out _) || e.TryGetProperty("key", out _) || e.TryGetProperty("code", out _)));
            if (record.ValueKind != JsonValueKind.Object) continue;
            var id = record.TryGetProperty("id", out var value) ? value : record.TryGetProperty("key", out var key) ? key : record.GetProperty("code");
            ids[path] = id.ToString();
        }
        return ids;
    }

    private static async Task Seed(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        response.IsSuccessStatusCode.Should().BeTrue($"seeding {url}: {await response.Content.ReadAsStringAsync()}");
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Form(HttpMethod method, string path, HttpContent form) => new(method, path) { Content = form };

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";
}

public sealed class SqliteOperationSweepTests(SqliteAppFixture fixture) : OperationSweepTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresOperationSweepTests(PostgresAppFixture fixture) : OperationSweepTests(fixture.App), IClassFixture<PostgresAppFixture>;
