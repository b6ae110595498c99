namespace PuqCloud.Modules;

/// <summary>Anchor for the host's module discovery: the assembly that carries the built-in modules.</summary>
public static class ModulesAssembly
{
    public static System.Reflection.Assembly Assembly => typeof(ModulesAssembly).Assembly;
}
