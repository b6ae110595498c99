using System.Net;
using System.Net.Http.Headers;

namespace PuqCloud.Tests.Support;

/// <summary>Uploads through the image endpoints of the API, and the checks every record with pictures must pass.</summary>
public static class ImageUploads
{
    /// <summary>A valid 48×48 PNG: a blue disc on transparency.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAhElEQVR42u3ZwRHAIAhEUZuxspSfIuKkBBUE1r8z3vfdBFojhJA//Xm/2Ve2eAqIRfEwiEf5IwjP4u6Qk+XNERHlTRGlAZHltxEZym8hSgMylV9ClAZkLD+FAAAAAAAAAAAAuBnAd5qhhpFSZCvBYuv29SLbabn7gMyFRuJGJnOlJKR4BnWa5RChjS7RAAAAAElFTkSuQmCC");

    public static Task<HttpResponseMessage> PutImageAsync(this HttpClient client, string url, byte[] content, string fileName, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return client.PutAsync(url, form);
    }

    /// <summary>
    /// At <paramref name="slotUrl"/> (…/images/icon): a tiny PNG is stored and served, a text file and an image over
    /// 2 MB are refused with a field error, DELETE removes the picture. Answers the path the PNG was stored at.
    /// </summary>
    public static async Task<string> CheckImageSlotAsync(this HttpClient client, string slotUrl)
    {
        var stored = await client.PutImageAsync(slotUrl, TinyPng, "icon.png", "image/png");
        stored.StatusCode.Should().Be(HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
        var body = await stored.JsonAsync();
        var path = body.GetProperty("path").GetString()!;
        var served = await client.GetAsync(body.GetProperty("url").GetString());
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await served.Content.ReadAsByteArrayAsync()).Should().Equal(TinyPng);

        // Named and typed like a PNG, but text inside: the store looks at the bytes.
        var text = await client.PutImageAsync(slotUrl, "hello, I am not a picture"u8.ToArray(), "icon.png", "image/png");
        text.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await text.JsonAsync()).GetProperty("errors").GetProperty("content")[0].GetString().Should().Contain("PNG, JPEG");

        var large = new byte[2 * 1024 * 1024 + 10];
        TinyPng.CopyTo(large, 0);
        var tooLarge = await client.PutImageAsync(slotUrl, large, "big.png", "image/png");
        tooLarge.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLarge.JsonAsync()).GetProperty("errors").GetProperty("content")[0].GetString().Should().Contain("too large");

        (await client.DeleteAsync(slotUrl)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync(body.GetProperty("url").GetString())).StatusCode.Should().Be(HttpStatusCode.NotFound, "the file goes with the picture");
        return path;
    }
}
