using PuqCloud.Bench;

// Benchmarks print figures; they assert nothing. Usage: dotnet run -c Release --project PuqCloud.Bench -- tasks
var which = args.FirstOrDefault() ?? "";
switch (which)
{
    case "tasks":
        await TaskQueueBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "billing":
        await BillingBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "start":
        await StartBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    default:
        Console.Error.WriteLine("Usage: dotnet run -c Release --project PuqCloud.Bench -- tasks [--tasks N] [--samples N]");
        Console.Error.WriteLine("       dotnet run -c Release --project PuqCloud.Bench -- billing [--services N] [--ledger-rows N]");
        Console.Error.WriteLine("       dotnet run -c Release --project PuqCloud.Bench -- start [--starts N]");
        return 2;
}
