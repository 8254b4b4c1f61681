using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Scipion.LocalHost;

/// <summary>One HTTP-triggered function as the Functions host would see it: class, method, route and verbs, read from its attributes.</summary>
public sealed record HttpFunction(string Name, Type Type, MethodInfo Method, string Route, IReadOnlyList<string> Verbs)
{
    public static IReadOnlyList<HttpFunction> Discover(Assembly assembly) =>
    [
        .. from type in assembly.GetExportedTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
           where trigger is not null
           select Create(function.Name, type, method, trigger),
    ];

    private static HttpFunction Create(string name, Type type, MethodInfo method, HttpTriggerAttribute trigger)
    {
        if (method.ReturnType != typeof(Task<IActionResult>) || trigger.Route is null || trigger.Methods is not { Length: > 0 })
        {
            throw new InvalidOperationException(
                $"Function {name} ({type.Name}.{method.Name}) must return Task<IActionResult> and name its route and methods for the local host to serve it.");
        }

        return new HttpFunction(name, type, method, trigger.Route, [.. trigger.Methods.Select(m => m.ToUpperInvariant())]);
    }
}
