using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Components;
using NetArchTest.Rules;
using PuqCloud.Core.Common;
using PuqCloud.Modules.Abstractions;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Unit;

/// <summary>The house rules of /work/shared/ARCHITECTURE.md and PuqCloud.Core/README.md that a compiler does not check.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly Assembly Core = typeof(RequestValidationException).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly Assembly Modules = typeof(PuqCloud.Modules.ModulesAssembly).Assembly;
    private static readonly Assembly ModuleContracts = typeof(IModuleContext).Assembly;
    private static readonly Assembly[] Product = [Core, Web, Modules, ModuleContracts];

    /// <summary>Pages and endpoints send requests; the database stays behind Core (Program.cs wires it through AddPuqCore).</summary>
    [Fact]
    public void The_web_host_never_touches_the_database_directly()
    {
        var result = Types.InAssembly(Web).ShouldNot()
            .HaveDependencyOnAny("PuqCloud.Core.Persistence", "Microsoft.EntityFrameworkCore", "Npgsql")
            .GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty("PuqCloud.Web must reach data only through Core's requests");
    }

    [Fact]
    public void Modules_know_only_the_module_contracts()
    {
        var result = Types.InAssembly(Modules).ShouldNot().HaveDependencyOn("PuqCloud.Core").GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty("modules reach the host only through PuqCloud.Modules.Abstractions");
    }

    [Fact]
    public void No_two_types_of_the_product_share_a_simple_name()
    {
        var clashes = Product.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && !IsGenerated(t) && !IsRazorComponent(t))
            .GroupBy(t => StripArity(t.Name))
            .Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(t => t.FullName)))
            .ToList();

        clashes.Should().BeEmpty("a simple name means one thing in the whole solution");
    }

    [Fact]
    public void Every_request_handler_serves_exactly_one_request_and_is_named_after_it()
    {
        var handlers = Product.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && HandledRequests(t).Any())
            .ToList();

        handlers.Should().NotBeEmpty();
        handlers.Where(t => HandledRequests(t).Count() != 1)
            .Select(t => t.FullName).Should().BeEmpty("one use case has one handler class");
        handlers.Where(t => HandledRequests(t).Count() == 1 && t.Name != HandledRequests(t).Single().Name + "Handler")
            .Select(t => t.FullName).Should().BeEmpty("a handler is named <Request>Handler");
    }

    /// <summary>
    /// Handlers and behaviours are scoped, and a console tab's scope is its circuit: one instance serves every request the
    /// tab sends for hours, several at once. A field it writes would carry one request's state into the next (another
    /// client's, say), so they keep none, instance or static: only what their constructor was given (primary constructor
    /// parameters) and read-only values.
    /// </summary>
    [Fact]
    public void Request_handlers_and_behaviours_keep_no_state_between_requests()
    {
        static bool IsPipelineType(Type t) => t.GetInterfaces().Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) || i.GetGenericTypeDefinition() == typeof(IPipelineBehavior<,>)));
        var pipeline = Core.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && IsPipelineType(t)).ToList();
        pipeline.Should().Contain(typeof(PuqCloud.Core.Features.Finance.ApplyHeldPaymentHandler));
        var stateful = pipeline
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsLiteral)
                // A captured primary constructor parameter is a compiler-made field named <name>P: the constructor's argument, never reassigned here.
                .Where(f => !(f.Name.StartsWith('<') && f.Name.EndsWith(">P", StringComparison.Ordinal)))
                .Where(f => !f.IsInitOnly || IsMutableCollection(f.FieldType))
                .Select(f => $"{t.Name}.{f.Name}"))
            .ToList();
        stateful.Should().BeEmpty();
    }

    private static bool IsMutableCollection(Type type) =>
        type.IsArray || type.IsGenericType && type.GetGenericTypeDefinition() is var g
            && (g == typeof(List<>) || g == typeof(Dictionary<,>) || g == typeof(HashSet<>) || g == typeof(Queue<>) || g == typeof(Stack<>)
                || g == typeof(IList<>) || g == typeof(ICollection<>) || g == typeof(IDictionary<,>) || g == typeof(ISet<>)
                || g == typeof(System.Collections.Concurrent.ConcurrentDictionary<,>) || g == typeof(System.Collections.Concurrent.ConcurrentBag<>));

    [Fact]
    public void Every_validator_of_a_request_is_named_after_it()
    {
        var misnamed = Core.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>) && IsRequest(i.GenericTypeArguments[0]))
                .Select(i => (Validator: t, Request: i.GenericTypeArguments[0])))
            .Where(p => p.Validator.Name != p.Request.Name + "Validator")
            .Select(p => p.Validator.FullName);

        misnamed.Should().BeEmpty("a validator is named <Request>Validator");
    }

    /// <summary>One use case per file: a file of Features declares at most one request, in a file named after it, next to its handler.</summary>
    [Fact]
    public void Each_feature_file_holds_at_most_one_request_named_like_the_file()
    {
        var requests = Core.GetTypes().Where(IsRequest).Select(t => t.Name).ToHashSet();
        var handlers = Core.GetTypes().Where(t => HandledRequests(t).Any()).Select(t => t.Name).ToHashSet();
        var features = Path.Combine(RepositoryRoot.Path, "PuqCloud.Core", "Features");
        var problems = new List<string>();

        foreach (var file in Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories))
        {
            var declared = TypeDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value).ToList();
            var declaredRequests = declared.Where(requests.Contains).ToList();
            var relative = Path.GetRelativePath(features, file);
            if (declaredRequests.Count > 1)
                problems.Add($"{relative} declares {declaredRequests.Count} requests: {string.Join(", ", declaredRequests)}");
            if (declaredRequests.Count == 1)
            {
                var request = declaredRequests[0];
                if (Path.GetFileNameWithoutExtension(file) != request) problems.Add($"{relative} declares {request} but is not named after it");
                if (!declared.Contains(request + "Handler")) problems.Add($"{relative} declares {request} without its handler");
            }
            foreach (var handler in declared.Where(handlers.Contains).Where(h => !declaredRequests.Contains(h[..^"Handler".Length])))
                problems.Add($"{relative} declares {handler} away from its request");
        }

        requests.Should().NotBeEmpty();
        problems.Should().BeEmpty();
    }

    private static bool IsRequest(Type t) =>
        t is { IsClass: true, IsAbstract: false } && typeof(IBaseRequest).IsAssignableFrom(t) && t.Assembly == Core;

    private static IEnumerable<Type> HandledRequests(Type t) => t.GetInterfaces()
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
        .Select(i => i.GenericTypeArguments[0])
        .Distinct();

    /// <summary>
    /// What compilers and generators emit, not people: closures and file-local types, razor's __Blazor helpers and
    /// _Imports, attributes embedded by source generators (Microsoft.*, System.*), the top-level Program.
    /// </summary>
    private static bool IsGenerated(Type t) =>
        t.Name.Contains('<') || t.Name.Contains('$') || t.Name.StartsWith("__", StringComparison.Ordinal) || t.Name == "_Imports"
        || t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        || (t.Namespace ?? "").Split('.')[0] is "__Blazor" or "Microsoft" or "System"
        || t.Namespace is null && t.Name == "Program";

    /// <summary>Razor components take the name of their file (Index, Edit…); their namespace (folder) tells them apart.</summary>
    private static bool IsRazorComponent(Type t) => typeof(IComponent).IsAssignableFrom(t) && t.Assembly != Core;

    private static string StripArity(string name) => name.Split('`')[0];

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|protected|file|sealed|static|abstract|partial|readonly)\s+)*(?:record\s+struct|record\s+class|record|class|struct|interface|enum)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
