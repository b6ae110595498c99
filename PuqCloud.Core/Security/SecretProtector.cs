using Microsoft.AspNetCore.DataProtection;

namespace PuqCloud.Core.Security;

/// <summary>Encrypts secrets at rest (TOTP secrets now; API keys and gateway credentials later) with the Data Protection keys.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);
    string Unprotect(string protectedText);
}

public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("PuqCloud.Secrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
