using System.Text.RegularExpressions;
using FluentValidation;

namespace PuqCloud.Core.Features.Reference;

/// <summary>
/// The one rule for a person's phone number, shared by sign-up, the client's profile and the console's client and user
/// forms: if one of them took a number the others refuse, staff could not save a record whose phone they never touched.
/// </summary>
public static partial class PhoneRules
{
    /// <summary>Empty, or an international number: "+", the country code and digits, spaces, brackets or dashes.</summary>
    public static IRuleBuilderOptions<T, string?> PhoneNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(40)
            .Must(phone => string.IsNullOrWhiteSpace(phone) || International().IsMatch(phone))
            .WithMessage("Write the phone number with its country code, for example +48 123 456 789.");

    [GeneratedRegex(@"^\+[0-9][0-9 ()-]{4,38}$")]
    private static partial Regex International();
}
