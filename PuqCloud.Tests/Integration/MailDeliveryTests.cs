using System.Text;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>With `Mail:Smtp:Host` set, e-mail goes to that SMTP server instead of the outbox folder; links never reach the logs.</summary>
public sealed class MailDeliveryTests
{
    [Fact]
    public async Task A_configured_smtp_server_receives_the_reset_mail_and_the_logs_never_see_the_link()
    {
        await using var sink = new SmtpSink();
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:From"] = "Billing <billing@example.test>",
            ["Site:PublicUrl"] = "https://billing.example.test",
        });
        var owner = await app.SignUpAsync();

        await app.SendAnonymousAsync(new RequestPasswordReset(owner.Email));

        // The task queue sends it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sink.Messages.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        var message = sink.Messages.Should().ContainSingle().Which;
        message.Should().Contain("Subject: Reset your PuqCloud password").And.Contain($"To: {owner.Email}").And.Contain("billing@example.test");
        var body = Decode(message);
        var link = ClientAreaSession.LinkIn(body);
        link.Should().StartWith("https://billing.example.test/login/reset?token=", "Site:PublicUrl decides where links point");
        Directory.Exists(Path.Combine(app.DataPath, "outbox")).Should().BeFalse();

        var token = ClientAreaSession.TokenOf(link);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(app.DataPath, "logs")))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            (await reader.ReadToEndAsync()).Should().NotContain(token);
        }
    }

    [Fact]
    public async Task Without_a_word_on_security_mail_goes_out_only_over_starttls_never_in_clear_text()
    {
        // The sink offers no STARTTLS, as a server on port 25 or 2525 may not: the reset link must not cross in clear text.
        await using var sink = new SmtpSink();
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var owner = await app.SignUpAsync();

        await app.SendAnonymousAsync(new RequestPasswordReset(owner.Email));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Core.Domain.Engine.QueuedTask? task = null;
        while (DateTime.UtcNow < deadline)
        {
            await using (var db = app.CreateDbContext())
                task = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                    db.QueuedTasks.Where(t => t.Name == PasswordResetMail.TaskName && t.Tries >= 1 && t.Error != null));
            if (task is not null) break;
            await Task.Delay(100);
        }
        task.Should().NotBeNull("the first try fails: the server cannot protect the connection");
        task!.Error.Should().Contain("secure");
        sink.Messages.Should().BeEmpty();
    }

    [Theory]
    [InlineData("465", null, null, "Port 465")]
    [InlineData("2525", "None", "mailer", "clear text")]
    [InlineData("25", "Tls", null, "not known")]
    public void Settings_that_cannot_protect_the_mail_are_refused_at_start(string port, string? security, string? user, string message)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "smtp.example.test", ["Mail:Smtp:Port"] = port, ["Mail:Smtp:Security"] = security, ["Mail:Smtp:User"] = user,
        }).Build();
        var database = new Core.Persistence.DatabaseOptions(Core.Persistence.DatabaseProvider.Sqlite, "Data Source=:memory:", Path.GetTempPath());

        var start = () => Core.Mail.MailOptions.FromConfiguration(configuration, database);

        start.Should().Throw<InvalidOperationException>().WithMessage($"*{message}*");
        Core.Mail.MailOptions.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:Security"] = "none", ["Mail:Smtp:User"] = "local",
        }).Build(), database).SmtpSecurity.Should().Be(Core.Mail.SmtpSecurity.None, "a relay on this machine may be reached in clear text");
    }

    /// <summary>The body as text, whichever transfer encoding the framework chose.</summary>
    private static string Decode(string message)
    {
        var split = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var (headers, body) = (message[..split], message[(split + 4)..]);
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))));
        if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
            return body.Replace("=\r\n", "").Replace("=3D", "=");
        return body;
    }
}
