using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Mail;

/// <summary>One plain-text e-mail to one person.</summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody);

/// <summary>Sends e-mail. Which implementation runs is chosen by configuration (see <see cref="MailOptions"/>).</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

/// <summary>How the SMTP connection is protected: STARTTLS (the default, on any port), or nothing at all.</summary>
public enum SmtpSecurity
{
    StartTls,
    None,
}

/// <summary>
/// `Mail:Smtp:Host` set: messages go out through that SMTP server (`Mail:Smtp:Port`, `Mail:Smtp:User`,
/// `Mail:Smtp:Password`, `Mail:Smtp:Security`). Otherwise each message is written as an .eml file to
/// `{Storage:DataPath}/outbox/`. `Mail:From` is the sender address of both. The connection uses STARTTLS unless
/// `Mail:Smtp:Security` is `None`: mail carries password links, so clear text is a choice, and with a user it is
/// refused at start unless the server is on this machine. Port 465 (TLS from the first byte) is refused at start: the
/// framework's client cannot speak it.
/// </summary>
public sealed record MailOptions(string? SmtpHost, int SmtpPort, string? SmtpUser, string? SmtpPassword, string From, string OutboxPath,
    SmtpSecurity SmtpSecurity = SmtpSecurity.StartTls)
{
    public const string OutboxFolder = "outbox";
    public const string DefaultFrom = "PuqCloud <no-reply@localhost>";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    public static MailOptions FromConfiguration(IConfiguration configuration, DatabaseOptions database)
    {
        var securityText = configuration["Mail:Smtp:Security"];
        var security = string.IsNullOrWhiteSpace(securityText) ? SmtpSecurity.StartTls
            : Enum.TryParse<SmtpSecurity>(securityText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new InvalidOperationException($"Mail:Smtp:Security '{securityText}' is not known: use StartTls or None.");
        var options = new MailOptions(
            configuration["Mail:Smtp:Host"],
            int.TryParse(configuration["Mail:Smtp:Port"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : 25,
            configuration["Mail:Smtp:User"],
            configuration["Mail:Smtp:Password"],
            configuration["Mail:From"] is { Length: > 0 } from ? from : DefaultFrom,
            Path.Combine(database.DataPath, OutboxFolder),
            security);
        if (!options.UsesSmtp) return options;
        if (options.SmtpPort == 465)
            throw new InvalidOperationException("Mail:Smtp:Port 465 (TLS from the first byte) is not supported: use the submission port 587, which STARTTLS protects.");
        if (security == SmtpSecurity.None && !string.IsNullOrEmpty(options.SmtpUser) && !IsLoopback(options.SmtpHost!))
            throw new InvalidOperationException("Mail:Smtp:Security is None, so Mail:Smtp:User and its password would cross the network in clear text: use StartTls.");
        return options;
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

/// <summary>SMTP through the framework's client.</summary>
public sealed class SmtpMailSender(MailOptions options, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        using var message = new MailMessage(options.From, mail.To, mail.Subject, mail.TextBody)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort)
        {
            // STARTTLS on whatever port, unless the operator said None (the framework client has no implicit TLS).
            EnableSsl = options.SmtpSecurity == SmtpSecurity.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(options.SmtpUser)) client.Credentials = new NetworkCredential(options.SmtpUser, options.SmtpPassword);
        await client.SendMailAsync(message, cancellationToken);
        // The subject only: bodies carry links with tokens.
        logger.LogInformation("Sent e-mail \"{Subject}\" through {Host}", mail.Subject, options.SmtpHost);
    }
}

/// <summary>
/// Without an SMTP server the messages land as .eml files (RFC 5322, UTF-8 text) in the outbox folder,
/// where an operator, a test or a mail client can read them.
/// </summary>
public sealed class OutboxMailSender(MailOptions options, TimeProvider clock, ILogger<OutboxMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.OutboxPath);
        var now = clock.GetUtcNow();
        var name = $"{now:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml";
        var text = new StringBuilder()
            .Append("From: ").Append(Header(options.From)).Append("\r\n")
            .Append("To: ").Append(Header(mail.To)).Append("\r\n")
            .Append("Subject: ").Append(EncodedWord(mail.Subject)).Append("\r\n")
            .Append("Date: ").Append(now.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Message-ID: <").Append(Guid.NewGuid().ToString("N")).Append("@puqcloud>\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: 8bit\r\n")
            .Append("\r\n")
            .Append(mail.TextBody.ReplaceLineEndings("\r\n"))
            .Append("\r\n")
            .ToString();
        // Written under a temporary name first, so that a reader never sees half a message.
        var temporary = Path.Combine(options.OutboxPath, name + ".part");
        await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, Path.Combine(options.OutboxPath, name));
        logger.LogInformation("Wrote e-mail \"{Subject}\" to the outbox as {File}", mail.Subject, name);
    }

    private static string Header(string value) => value.ReplaceLineEndings(" ");

    private static string EncodedWord(string value) =>
        value.All(c => c < 128) ? Header(value) : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(Header(value)))}?=";
}
