using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// The admin API's description as a typed client needs it: a bearer scheme required by every operation but the
/// anonymous ones (which say so), 401 and 403 where they can happen, enums typed as strings, numbers as numbers, one
/// schema name per body type, tag descriptions, and a relative server address (clients use the address they fetched it from).
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    /// <summary>What each tag of the API holds, as the console's menu names the area.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Admin API"] = "Tokens: sign in for a token, who the token belongs to, and personal API tokens.",
        [Api.ClientApi.Tag] = "The client API (/api/client/v1): what the client area does, with a client user's token made in the client area (My account → API tokens); it acts for the one client it was made for, with the user's permissions there.",
        ["Monitoring"] = "Monitoring: the activity log, the Module Log, system logs, the task queue and the nodes.",
        ["Administrator groups"] = "Settings → Staff → Groups: groups of staff permissions, and the permission catalog.",
        ["Administrators"] = "Settings → Staff → Administrators: staff accounts, their groups, IP allowlists and passwords.",
        ["Currencies"] = "Settings → Finance → Currencies: codes, formats, exchange rates and the default currency.",
        ["Clients"] = "Clients: the companies and people billed, their addresses and the users who may act for them.",
        ["Users"] = "Clients → Users: the client-area accounts, each a member of one or more clients.",
        ["Settings"] = "Settings → General: the panel-wide settings, tab by tab.",
        ["Scheduler"] = "Automation → Scheduler: each schedule's cron and switch, run now or back to its default.",
        ["Modules"] = "Add-ons → Modules: activate, update or switch off a module, and its settings form.",
        ["Home companies"] = "Settings → Finance → Home companies: the issuing companies, their taxes, numbering, e-mail and payment gateways.",
        ["Tax rules"] = "Settings → Finance → Tax rules: which home company and which taxes apply to which client.",
        ["Product groups"] = "Products → Product groups: how products are grouped and shown in the client area.",
        ["Attribute groups"] = "Products → Attribute groups: descriptive attributes that products carry.",
        ["Option groups"] = "Products → Option groups: options a client picks with a product, with their prices.",
        ["Products"] = "Products → Products: products, their images, prices, attributes, option groups and module settings.",
        ["Services"] = "Services: what clients bought, their lifecycle (create, suspend, idle, terminate) and their module's provisioning.",
        ["Transactions"] = "Finance → Transactions: the ledger, the only way a balance moves (charges, payments, refunds, adjustments).",
        ["Invoices"] = "Finance → Invoices: proformas, invoices and credit notes, legal records that never change once numbered.",
        ["Payment gateways"] = "The gateways' webhooks (/api/gateways/{id}/events): signed payment notifications, each applied once.",
        ["Clock"] = "The billing clock; with Clock:Mode=Manual a test clock that moves by hand and runs the schedules due.",
    };

    public static void Configure(OpenApiOptions options)
    {
        // Body records of different endpoint classes share names (ProductsApi.AttributeBody, AttributeGroupsApi.AttributeBody):
        // nested types are named with their class, so that no body's schema is replaced by another's.
        options.CreateSchemaReferenceId = type =>
            type.Type is { IsNested: true, DeclaringType: { } outer } && outer.Name.EndsWith("Api", StringComparison.Ordinal)
                ? outer.Name[..^3] + type.Type.Name
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        options.AddDocumentTransformer(DescribeDocument);
        options.AddOperationTransformer(DescribeAccess);
        options.AddSchemaTransformer((schema, _, _) =>
        {
            // Enums travel by name (JsonStringEnumConverter): say they are strings. An enum only ever used as nullable
            // (ChargeKind?) lists null among its values; the properties that use it already allow null (oneOf null | the enum).
            if (schema.Enum is { Count: > 0 } values)
            {
                foreach (var none in values.Where(v => v is null || v.GetValueKind() == System.Text.Json.JsonValueKind.Null).ToList()) values.Remove(none);
                schema.Type = JsonSchemaType.String;
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>Numbers are numbers: a number sent as a string is a 400, and the document types them so.</summary>
    public static void StrictNumbers(Microsoft.AspNetCore.Http.Json.JsonOptions options) => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "PuqCloud API";
        document.Info.Description = Api.AdminApi.Description;
        document.Info.License = new OpenApiLicense { Name = "Proprietary: for the installation's own staff and scripts", Identifier = "LicenseRef-PuqCloud-Proprietary" };
        // Relative: the API is wherever this document was fetched from (each installation has its own address).
        document.Servers = [new OpenApiServer { Url = "/", Description = "This installation" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Admin API (/api/admin/v1): a token from POST /api/admin/v1/auth/token, or a personal API token (console → My account → API tokens). " +
                "Client API (/api/client/v1): a client user's token from the client area (My account → API tokens). Authorization: Bearer TOKEN.",
        };
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
        return Task.CompletedTask;
    }

    private static Task DescribeAccess(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (anonymous)
        {
            // Said outright, so that nobody sends a token here thinking it is needed.
            operation.Security = [];
            return Task.CompletedTask;
        }
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", Problem("No valid token: it is missing, expired or revoked.", context));
        var clientApi = context.Description.RelativePath?.StartsWith(AuthSchemes.ClientApiPrefix.TrimStart('/'), StringComparison.Ordinal) == true;
        operation.Responses.TryAdd("403", Problem(clientApi
            ? "The token's user lacks the client permission this operation needs."
            : "The token's administrator lacks the permission this operation needs, or calls from an address outside their IP allowlist.", context));
        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(string description, OpenApiOperationTransformerContext context) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
        },
    };
}
