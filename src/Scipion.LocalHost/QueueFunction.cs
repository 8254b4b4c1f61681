using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Scipion.LocalHost;

/// <summary>One queue-triggered function of the Functions app, read from its attributes.</summary>
public sealed record QueueFunction(string Name, Type Type, MethodInfo Method, string Queue)
{
    public static IReadOnlyList<QueueFunction> Discover(Assembly assembly) =>
    [
        .. from type in assembly.GetExportedTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).FirstOrDefault(t => t is not null)
           where trigger is not null
           select Create(function.Name, type, method, trigger),
    ];

    private static QueueFunction Create(string name, Type type, MethodInfo method, QueueTriggerAttribute trigger)
    {
        var parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
        if (method.ReturnType != typeof(Task) || parameters.Length == 0 || parameters[0] != typeof(string)
            || parameters.Skip(1).Any(t => t != typeof(CancellationToken) && t != typeof(DurableTaskClient)))
        {
            throw new InvalidOperationException(
                $"Queue function {name} must be 'Task Run(string message, [DurableClient] DurableTaskClient?, CancellationToken)' for the local host to serve it.");
        }

        return new QueueFunction(name, type, method, trigger.QueueName);
    }

    public Task InvokeAsync(IServiceProvider services, string message, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, Type);
        var arguments = Method.GetParameters().Select(p => p.ParameterType) switch
        {
            var types => types.Select((t, i) => i == 0 ? message
                : t == typeof(CancellationToken) ? (object)cancellationToken
                : scope.ServiceProvider.GetRequiredService<DurableTaskClient>()).ToArray(),
        };
        return (Task)Method.Invoke(instance, arguments)!;
    }
}
