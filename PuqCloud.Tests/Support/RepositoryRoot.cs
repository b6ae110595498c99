namespace PuqCloud.Tests.Support;

/// <summary>The folder of PuqCloud.Blazor.sln, found from the test binaries upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "PuqCloud.Blazor.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("PuqCloud.Blazor.sln was not found above " + AppContext.BaseDirectory);
    }
}
