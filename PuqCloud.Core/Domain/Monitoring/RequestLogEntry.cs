using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Monitoring;

/// <summary>One request of a signed-in admin or client user: the Admin Sessions and Client Sessions pages.</summary>
public class RequestLogEntry : Entity
{
    public DateTime At { get; set; }
    public ActorKind ActorKind { get; set; }
    public Guid? StaffId { get; set; }
    public Guid? ClientUserId { get; set; }
    public Guid? ClientId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Ip { get; set; }
    public string Url { get; set; } = "";
    /// <summary>WEB or API.</summary>
    public string Channel { get; set; } = "";
    public string Method { get; set; } = "";
}
