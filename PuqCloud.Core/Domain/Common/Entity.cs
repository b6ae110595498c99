namespace PuqCloud.Core.Domain.Common;

/// <summary>Base of every aggregate: a time-ordered GUID (version 7) key, made when the object is made.</summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
}

/// <summary>Entities whose created/updated instants the save interceptor fills from <see cref="TimeProvider"/>.</summary>
public interface IHasAuditTimes
{
    DateTime CreatedAt { get; set; }
    DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Marks a property whose value must never reach a log, the activity audit or an API answer
/// (password hashes, secrets, token hashes). The audit records that it changed, not the value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute;
