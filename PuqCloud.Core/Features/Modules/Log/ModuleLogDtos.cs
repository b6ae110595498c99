using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

public sealed record ModuleLogEntryDto(Guid Id, DateTime At, string ModuleKey, string ModuleName, string Action, string Level, string Message);
