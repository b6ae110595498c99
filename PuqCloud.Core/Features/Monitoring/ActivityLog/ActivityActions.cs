using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>Request names as people read them: "UpdateGeneralSettings" → "Update general settings".</summary>
public static class ActivityActions
{
    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api"] = "API", ["ip"] = "IP", ["totp"] = "TOTP", ["url"] = "URL", ["dns"] = "DNS", ["ssl"] = "SSL", ["id"] = "ID",
    };

    public static string Readable(string action)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < action.Length; i++)
        {
            var c = action[i];
            var boundary = char.IsUpper(c) && word.Length > 0 &&
                (!char.IsUpper(action[i - 1]) || i + 1 < action.Length && char.IsLower(action[i + 1]));
            if (boundary || c is '_' or ' ')
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
                if (c is '_' or ' ') continue;
            }
            word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString());
        var text = words.Select((w, index) => Acronyms.TryGetValue(w, out var acronym) ? acronym
            : w.All(char.IsUpper) && w.Length > 1 ? w
            : index == 0 ? char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant() : w.ToLowerInvariant());
        return string.Join(' ', text);
    }
}
