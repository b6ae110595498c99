using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Platform;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Platform;

/// <summary>The running node: its name (configuration `Node:Name`, else the machine name), version and start time.</summary>
public sealed class NodeIdentity(string name, string version, DateTime startedAt)
{
    public string Name { get; } = name;
    public string Version { get; } = version;
    public DateTime StartedAt { get; } = startedAt;
}
